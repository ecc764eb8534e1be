package dev.entrada.gateway.problem;

/** An RFC 9457 problem the gateway answers with itself (the backends write their own). */
public record Problem(int status, String title, String detail) {
}
