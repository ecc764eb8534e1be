package dev.entrada.ticketing.ticket;

import dev.entrada.ticketing.qr.QrCodes;
import dev.entrada.ticketing.web.InvalidRequestException;
import dev.entrada.ticketing.web.TicketNotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;
import java.util.regex.Pattern;

/** The attendee's view of a ticket, reached with the access token of the registration. */
@RestController
@RequestMapping("/api/tickets")
class TicketController {
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    private static final int MAX_TOKEN_LENGTH = 200;
    private static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");
    // Personal data and a bearer code: never kept by a shared cache or on disk.
    private static final String PRIVATE_NO_STORE = "private, no-store";

    private final TicketRepository tickets;

    TicketController(TicketRepository tickets) {
        this.tickets = tickets;
    }

    @GetMapping("/{ticketId}")
    ResponseEntity<TicketResponse> get(@PathVariable String ticketId, @RequestParam(required = false) String token) {
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, PRIVATE_NO_STORE).body(TicketResponse.of(find(ticketId, token)));
    }

    @GetMapping("/{ticketId}/qr.png")
    ResponseEntity<byte[]> png(@PathVariable String ticketId, @RequestParam(required = false) String token) {
        Ticket ticket = find(ticketId, token);
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, PRIVATE_NO_STORE).contentType(MediaType.IMAGE_PNG)
                .body(QrCodes.png(ticket.code()));
    }

    @GetMapping("/{ticketId}/qr.svg")
    ResponseEntity<String> svg(@PathVariable String ticketId, @RequestParam(required = false) String token) {
        Ticket ticket = find(ticketId, token);
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, PRIVATE_NO_STORE).contentType(SVG).body(QrCodes.svg(ticket.code()));
    }

    private Ticket find(String ticketId, String token) {
        if (!UUID_TEXT.matcher(ticketId).matches()) {
            throw new InvalidRequestException("ticketId", "must be a UUID");
        }
        if (token != null && token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidRequestException("token", "must be at most " + MAX_TOKEN_LENGTH + " characters");
        }
        var ticket = tickets.findById(ticketId.toLowerCase(Locale.ROOT));
        if (!AccessTokens.matches(token, ticket.map(Ticket::accessTokenHash).orElse(null))) {
            throw new TicketNotFoundException();
        }
        return ticket.orElseThrow(TicketNotFoundException::new);
    }
}
