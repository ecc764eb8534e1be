package dev.entrada.micronaut;

import dev.entrada.identity.CorrelationIds;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.MDC;

/**
 * The request's correlation id ({@code X-Correlation-Id} from the gateway; a new one for a direct call) in
 * the logging MDC while it is handled, on whichever thread: Micronaut's propagated context carries it to
 * the blocking executor. The outbox writer copies it into every event written meanwhile.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class CorrelationFilter implements Ordered {

    @RequestFilter
    public void correlate(HttpRequest<?> request, MutablePropagatedContext context) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(CorrelationIds.MDC_KEY,
                CorrelationIds.acceptOrNew(request.getHeaders().get(CorrelationIds.HEADER)))) {
            context.add(new MdcPropagationContext());
        }
    }

    /** Before the access filter, so that a refused request is logged with its id too. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
