package dev.entrada.registration.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Refuses {@link OrganizerOnly} handlers to callers without the organiser's bearer token. */
@Configuration(proxyBeanMethods = false)
class OrganizerOnlyInterceptor implements HandlerInterceptor, WebMvcConfigurer {
    private final OrganizerAuth organizers;

    OrganizerOnlyInterceptor(OrganizerAuth organizers) {
        this.organizers = organizers;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.hasMethodAnnotation(OrganizerOnly.class)
                && !organizers.isOrganizer(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            throw new NotOrganizerException();
        }
        return true;
    }
}
