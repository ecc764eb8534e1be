package dev.entrada.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;

class GatewayProblemsTest {

    @Test
    void aRefusedConnectionAnywhereInTheCausesIsServiceUnavailable() {
        Throwable wrapped = new IllegalStateException("routing", new ConnectException("Connection refused"));

        assertThat(GatewayProblems.classify(wrapped, false).status()).isEqualTo(503);
    }

    @Test
    void anUnroutedApiPathIsNotFoundWhateverTheMethod() {
        Throwable methodNotAllowed = new MethodNotAllowedException(HttpMethod.POST, java.util.List.of(HttpMethod.GET));

        assertThat(GatewayProblems.classify(methodNotAllowed, true))
                .isEqualTo(new Problem(404, "Not Found", "There is no API at this path."));
        assertThat(GatewayProblems.classify(methodNotAllowed, false).status()).isEqualTo(405);
    }

    @Test
    void aStatusExceptionKeepsItsStatusAndReason() {
        Problem problem = GatewayProblems.classify(
                new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "Response took longer than timeout: PT10S"), false);

        assertThat(problem).isEqualTo(new Problem(504, "Gateway Timeout", "Response took longer than timeout: PT10S"));
    }

    @Test
    void anythingElseIsAnInternalErrorWithoutDetailsOfTheBug() {
        Problem problem = GatewayProblems.classify(new NullPointerException("secret internals"), false);

        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.detail()).doesNotContain("secret");
    }
}
