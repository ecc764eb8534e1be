package dev.entrada.ticketing.ticket;

import dev.entrada.identity.Access;
import dev.entrada.identity.Access.Audience;
import dev.entrada.identity.Caller;
import dev.entrada.identity.Role;
import dev.entrada.ticketing.badge.Badges;
import dev.entrada.ticketing.qr.QrCodes;
import dev.entrada.ticketing.web.InvalidRequestException;
import dev.entrada.ticketing.web.TicketNotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The attendee's view of a ticket, reached with the access token of the registration (organisers need none); all badges for organisers. */
@RestController
@RequestMapping("/api/tickets")
class TicketController {
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final int MAX_TOKEN_LENGTH = 200;
    private static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");
    // Personal data and a bearer code: never kept by a shared cache or on disk.
    private static final String PRIVATE_NO_STORE = "private, no-store";

    private final TicketRepository tickets;
    private final Badges badges;

    TicketController(TicketRepository tickets, Badges badges) {
        this.tickets = tickets;
        this.badges = badges;
    }

    /** A replaced ticket's id answers 200 with {@code status: REPLACED} and {@code replacedBy}: the page follows it. */
    @Access(Audience.LINK)
    @GetMapping("/{ticketId}")
    ResponseEntity<TicketResponse> get(@PathVariable String ticketId, @RequestParam(required = false) String token, Caller caller) {
        String id = validId(ticketId, token);
        Optional<Ticket> current = tickets.findById(id);
        TicketResponse body;
        if (current.isPresent()) {
            body = TicketResponse.of(checked(current, token, caller));
        } else {
            Optional<ReplacedTicket> replaced = tickets.findReplaced(id);
            Ticket now = checked(replaced.flatMap(r -> tickets.findByRegistrationId(r.registrationId())), token, caller);
            body = TicketResponse.replaced(replaced.orElseThrow(), now);
        }
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, PRIVATE_NO_STORE).body(body);
    }

    @Access(Audience.LINK)
    @GetMapping("/{ticketId}/qr.png")
    ResponseEntity<byte[]> png(@PathVariable String ticketId, @RequestParam(required = false) String token, Caller caller) {
        Ticket ticket = find(ticketId, token, caller);
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, PRIVATE_NO_STORE).contentType(MediaType.IMAGE_PNG)
                .body(QrCodes.png(ticket.code()));
    }

    @Access(Audience.LINK)
    @GetMapping("/{ticketId}/qr.svg")
    ResponseEntity<String> svg(@PathVariable String ticketId, @RequestParam(required = false) String token, Caller caller) {
        Ticket ticket = find(ticketId, token, caller);
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, PRIVATE_NO_STORE).contentType(SVG).body(QrCodes.svg(ticket.code()));
    }

    /** A6 badge: name, organisation, ticket type, event, QR. */
    @Access(Audience.LINK)
    @GetMapping("/{ticketId}/badge.pdf")
    ResponseEntity<byte[]> badge(@PathVariable String ticketId, @RequestParam(required = false) String token, Caller caller) {
        Ticket ticket = find(ticketId, token, caller);
        return pdf(badges.badge(ticket), "badge.pdf");
    }

    /** Organisers: every admissible badge of an event, one A6 page each, sorted by name. */
    @Access(Audience.ORGANIZER)
    @GetMapping("/badges.pdf")
    ResponseEntity<byte[]> allBadges(@RequestParam(required = false) String eventId) {
        if (eventId == null || !EVENT_ID.matcher(eventId).matches()) {
            throw new InvalidRequestException("eventId", "must be an event id (letters, digits, '.', '_', '-'; at most 100)");
        }
        return pdf(badges.allOfEvent(eventId), "badges-" + eventId + ".pdf");
    }

    private static ResponseEntity<byte[]> pdf(byte[] body, String filename) {
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, PRIVATE_NO_STORE)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(filename).build().toString())
                .contentType(MediaType.APPLICATION_PDF).body(body);
    }

    /** The current ticket; images and badges of a replaced id are not found (its page points to the new one). */
    private Ticket find(String ticketId, String token, Caller caller) {
        return checked(tickets.findById(validId(ticketId, token)), token, caller);
    }

    private static String validId(String ticketId, String token) {
        if (!UUID_TEXT.matcher(ticketId).matches()) {
            throw new InvalidRequestException("ticketId", "must be a UUID");
        }
        if (token != null && token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidRequestException("token", "must be at most " + MAX_TOKEN_LENGTH + " characters");
        }
        return ticketId.toLowerCase(Locale.ROOT);
    }

    private static Ticket checked(Optional<Ticket> ticket, String token, Caller caller) {
        boolean organizer = caller != null && caller.has(Role.ORGANIZER);
        if (!organizer && !AccessTokens.matches(token, ticket.map(Ticket::accessTokenHash).orElse(null))) {
            throw new TicketNotFoundException();
        }
        return ticket.orElseThrow(TicketNotFoundException::new);
    }
}
