package org.fairsend.console.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Comparator;
import java.util.List;
import org.fairsend.platform.NotFound;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/** What every console page shows: the signed-in user, the navigation from the sections, the CSRF header for htmx. */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

    private final List<ConsoleSection> sections;

    ConsoleAdvice(List<ConsoleSection> sections) {
        this.sections = sections;
    }

    static ConsoleUser me() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof ConsoleUser u) return u;
        return null;
    }

    @ModelAttribute("me")
    ConsoleUser user() {
        return me();
    }

    @ModelAttribute("nav")
    List<ConsoleSection.NavLink> nav() {
        ConsoleUser u = me();
        if (u == null) return List.of();
        return sections.stream().flatMap(s -> s.links(u).stream())
                .sorted(Comparator.comparingInt(ConsoleSection.NavLink::order)).toList();
    }

    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI();
    }

    /** For htmx requests: {@code hx-headers} on the body sends the CSRF token with every request it makes. */
    @ModelAttribute("csrfHeaders")
    String csrfHeaders(HttpServletRequest request) {
        Object t = request.getAttribute(CsrfToken.class.getName());
        if (!(t instanceof CsrfToken token)) return "{}";
        return "{\"" + token.getHeaderName() + "\": \"" + token.getToken() + "\"}";
    }

    @ExceptionHandler(NotFound.class)
    ModelAndView notFound(NotFound e, HttpServletResponse response) {
        response.setStatus(404);
        ModelAndView mv = new ModelAndView("console/error");
        mv.addObject("title", "Not found");
        mv.addObject("message", e.getMessage());
        mv.addObject("me", me());
        mv.addObject("nav", nav());
        return mv;
    }
}
