package dev.entrada.ticketing.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * No endpoint of this service reads a request body, so anything over a small limit is refused with
 * 413 before it is read any further, whether declared by Content-Length or streamed chunked.
 */
@Component
class RequestBodyLimitFilter extends OncePerRequestFilter {
    private final int maxBytes;
    private final JsonMapper json;

    RequestBodyLimitFilter(@Value("${entrada.ticketing.max-request-body-bytes:1024}") int maxBytes, JsonMapper json) {
        this.maxBytes = maxBytes;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean chunked = request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null;
        if (request.getContentLengthLong() > maxBytes
                || (chunked && request.getInputStream().readNBytes(maxBytes + 1).length > maxBytes)) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setHeader("Connection", "close");
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "https://entrada.dev/problems/body-too-large");
            problem.put("title", "Request body too large");
            problem.put("status", HttpStatus.CONTENT_TOO_LARGE.value());
            problem.put("detail", "Request bodies may have at most " + maxBytes + " bytes; no endpoint here reads one.");
            json.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(request, response);
    }
}
