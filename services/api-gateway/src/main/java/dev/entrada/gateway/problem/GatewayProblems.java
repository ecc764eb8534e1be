package dev.entrada.gateway.problem;

import java.net.ConnectException;
import java.net.UnknownHostException;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;

import reactor.netty.http.client.PrematureCloseException;

/** Turns what went wrong while handling a request into the problem the client sees. */
public final class GatewayProblems {

    private GatewayProblems() {
    }

    /**
     * @param unroutedApiRequest the path is under {@code /api} but no route took it: whatever the
     *                           static-resource fallback said (404 or 405), for an API client it is 404
     */
    public static Problem classify(Throwable error, boolean unroutedApiRequest) {
        if (unroutedApiRequest && error instanceof ResponseStatusException rse
                && (rse.getStatusCode().value() == 404 || rse.getStatusCode().value() == 405)) {
            return problem(HttpStatus.NOT_FOUND, "There is no API at this path.");
        }
        if (hasCause(error, ConnectException.class) || hasCause(error, UnknownHostException.class)) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE,
                    "The service behind this path is not reachable right now. Try again shortly.");
        }
        if (hasCause(error, PrematureCloseException.class)) {
            return problem(HttpStatus.BAD_GATEWAY, "The service behind this path closed the connection.");
        }
        if (error instanceof ResponseStatusException rse) {
            return problem(rse.getStatusCode(), rse.getReason() != null ? rse.getReason() : title(rse.getStatusCode()));
        }
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected error in the gateway.");
    }

    private static Problem problem(HttpStatusCode status, String detail) {
        return new Problem(status.value(), title(status), detail);
    }

    private static String title(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "Error";
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
