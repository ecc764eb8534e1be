package dev.entrada.registration.registration;

/** The kinds of organisation an attendee can come from. */
final class OrganizationKinds {
    static final String PATTERN = "COMPANY|RESEARCH_GROUP|PUBLIC_BODY|PRESS|OTHER";
    static final String MESSAGE = "must be one of COMPANY, RESEARCH_GROUP, PUBLIC_BODY, PRESS, OTHER";

    private OrganizationKinds() {
    }
}
