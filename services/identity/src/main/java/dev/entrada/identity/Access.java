package dev.entrada.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call an endpoint. Every endpoint of every service declares it (on the method, or on the
 * controller for all its methods); an endpoint without it is refused to everyone, and each service's
 * access-matrix test fails on it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Access {
    Audience value();

    /** The audiences an endpoint can declare. */
    enum Audience {
        /** Anyone, signed in or not. */
        PUBLIC,
        /**
         * The attendee holding the registration's link token, or an organiser. The handler checks the
         * token against the registration it serves; the filter only lets the request through.
         */
        LINK,
        /** Signed-in staff (and organisers, admins). Event assignment is checked by the handler. */
        STAFF,
        /** Signed-in organisers (and admins). */
        ORGANIZER,
        /** Signed-in admins. */
        ADMIN;

        /** The least role this audience requires, or {@code null} when no sign-in is needed. */
        public Role requiredRole() {
            return switch (this) {
                case PUBLIC, LINK -> null;
                case STAFF -> Role.STAFF;
                case ORGANIZER -> Role.ORGANIZER;
                case ADMIN -> Role.ADMIN;
            };
        }
    }
}
