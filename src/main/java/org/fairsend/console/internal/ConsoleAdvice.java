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
@ControllerAdvice(assignableTypes = ConsolePage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

    private final List<ConsoleSection> sections;
    private final FrozenConsole frozen;

    private final org.fairsend.platform.FairsendProperties props;

    ConsoleAdvice(List<ConsoleSection> sections, FrozenConsole frozen, org.fairsend.platform.FairsendProperties props) {
        this.sections = sections;
        this.frozen = frozen;
        this.props = props;
    }

    /** For operators, on every page: the public URL is not HTTPS (issue 20). */
    @ModelAttribute("publicUrlWarning")
    String publicUrlWarning() {
        ConsoleUser u = me();
        return u != null && u.operator() ? props.publicUrlWarning() : null;
    }

    /** Issue 19: the freeze in force on the signed-in user's account (the banner of every page), or null. */
    @ModelAttribute("freeze")
    org.fairsend.accounts.AccountFreezes.Freeze freeze() {
        return frozen.of(me()).orElse(null);
    }

    /**
     * Issue 19: a write of a frozen account's user. An htmx request goes to the page that says so (htmx swaps no 403);
     * a form post gets that page with status 403.
     */
    @ExceptionHandler(FrozenConsole.Refused.class)
    ModelAndView frozen(FrozenConsole.Refused e, HttpServletRequest request, HttpServletResponse response) {
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", request.getContextPath() + "/console/frozen?refused");
            response.setStatus(403);
            return new ModelAndView("console/error", java.util.Map.of("title", "Not done", "message", e.getMessage(),
                    "errors", e.violations()));
        }
        return page(response, e.status(), "Not done", e.getMessage(), e.violations());
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
        return page(response, 404, "Not found", e.getMessage(), List.of());
    }

    /** A malformed id in a console URL is a page that does not exist. */
    @ExceptionHandler(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class)
    ModelAndView badId(Exception e, HttpServletResponse response) {
        return page(response, 404, "Not found", "no such page", List.of());
    }

    /** Input refused by a rule, on a page that has no form to show it again: the rules and fields, as a page. */
    @ExceptionHandler(org.fairsend.platform.RuleViolation.class)
    ModelAndView refused(org.fairsend.platform.RuleViolation e, HttpServletResponse response) {
        return page(response, e.status(), "Not done", e.getMessage(), e.violations());
    }

    private ModelAndView page(HttpServletResponse response, int status, String title, String message, List<?> errors) {
        response.setStatus(status);
        ModelAndView mv = new ModelAndView("console/error");
        mv.addObject("title", title);
        mv.addObject("message", message);
        mv.addObject("errors", errors);
        mv.addObject("me", me());
        mv.addObject("nav", nav());
        mv.addObject("freeze", freeze());
        return mv;
    }
}
