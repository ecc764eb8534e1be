package dev.entrada.ticketing.badge;

import dev.entrada.ticketing.catalog.CatalogRepository;
import dev.entrada.ticketing.catalog.EventInfo;
import dev.entrada.ticketing.ticket.Ticket;
import dev.entrada.ticketing.ticket.TicketRepository;
import org.springframework.stereotype.Service;

import java.text.Collator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Badge PDFs of tickets, with the event's name from the catalogue copy. */
@Service
public class Badges {
    private static final Locale SPANISH = Locale.forLanguageTag("es");

    private final TicketRepository tickets;
    private final CatalogRepository catalog;

    Badges(TicketRepository tickets, CatalogRepository catalog) {
        this.tickets = tickets;
        this.catalog = catalog;
    }

    public byte[] badge(Ticket ticket) {
        Optional<EventInfo> event = catalog.find(ticket.eventId());
        String name = eventName(event, ticket.eventId(), locale(ticket));
        return BadgePdf.render(List.of(badgeOf(ticket, event, name)), name);
    }

    /** Every admissible ticket of the event, sorted by name as a Spanish reader expects (accents ignored). */
    public byte[] allOfEvent(String eventId) {
        Optional<EventInfo> event = catalog.find(eventId);
        String name = eventName(event, eventId, SPANISH);
        Collator collator = Collator.getInstance(SPANISH);
        collator.setStrength(Collator.SECONDARY);
        Comparator<String> byName = Comparator.nullsLast(collator::compare);
        List<BadgePdf.Badge> badges = tickets.findIssuedByEvent(eventId).stream()
                .sorted(Comparator.comparing(Ticket::holderName, byName).thenComparing(Ticket::ticketId))
                .map(t -> badgeOf(t, event, name))
                .toList();
        return BadgePdf.render(badges, name);
    }

    public static Locale locale(Ticket ticket) {
        return ticket.locale() != null && ticket.locale().toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : SPANISH;
    }

    private static String eventName(Optional<EventInfo> event, String eventId, Locale locale) {
        return event.map(e -> e.name(locale)).orElse(eventId);
    }

    private static BadgePdf.Badge badgeOf(Ticket ticket, Optional<EventInfo> event, String eventName) {
        String type = event.map(e -> e.ticketTypeName(ticket.ticketType())).orElse(ticket.ticketType());
        return new BadgePdf.Badge(ticket.holderName(), ticket.organization(), type, eventName, ticket.code());
    }
}
