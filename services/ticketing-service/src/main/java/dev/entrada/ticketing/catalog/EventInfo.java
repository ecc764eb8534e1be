package dev.entrada.ticketing.catalog;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * What badges and e-mails show of a catalogue event (latest {@code EventPublished}).
 *
 * @param ticketTypeNames printed name per ticket type code
 */
public record EventInfo(String eventId, long version, String name, String nameEn, String venue, String city,
                        Instant startsAt, Instant endsAt, Map<String, String> ticketTypeNames) {

    /** The printed name of a ticket type; its code when the catalogue does not name it. */
    public String ticketTypeName(String code) {
        return ticketTypeNames.getOrDefault(code, code);
    }

    /** The name in the attendee's language; Spanish is the default. */
    public String name(Locale locale) {
        return "en".equals(locale.getLanguage()) && nameEn != null && !nameEn.isBlank() ? nameEn : name;
    }
}
