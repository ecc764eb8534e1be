package dev.entrada.spring;

import dev.entrada.identity.Access;
import dev.entrada.identity.AccessRules;
import dev.entrada.identity.Caller;
import dev.entrada.identity.ServiceTokens;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Instant;
import java.util.List;

/**
 * Who is calling, and may they: before a handler runs (and before its body is read) verifies the
 * gateway's {@link ServiceTokens#HEADER} and applies the handler's {@link Access} (on the method, else
 * on the controller; none = refused). {@code AccessDenied} is left to the service's problem handler. A
 * handler that declares a {@link Caller} parameter gets the caller, {@code null} when anonymous.
 * Without {@code entrada.service-token-secret} the service does not start.
 */
@Configuration(proxyBeanMethods = false)
public class CallerAccess implements HandlerInterceptor, HandlerMethodArgumentResolver, WebMvcConfigurer {
    private static final String ATTRIBUTE = Caller.class.getName();

    private final ServiceTokens tokens;

    public CallerAccess(@Value("${entrada.service-token-secret:}") String secret) {
        this.tokens = new ServiceTokens(secret);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // error dispatches re-enter for a request that was already checked
        if (request.getDispatcherType() != DispatcherType.REQUEST || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        Caller caller = tokens.verify(request.getHeader(ServiceTokens.HEADER), Instant.now());
        request.setAttribute(ATTRIBUTE, caller);
        Access access = method.getMethodAnnotation(Access.class);
        AccessRules.check(access != null ? access : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), Access.class), caller);
        return true;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binders) {
        return request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    }
}
