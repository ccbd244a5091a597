package org.fairsend.console.internal;

import java.util.ArrayList;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page, the landing redirect per role, the access-denied page and the user's own password. */
@Controller
class SignInPages implements ConsolePage {

    private final ConsoleUsers users;

    SignInPages(ConsoleUsers users) {
        this.users = users;
    }

    @GetMapping("/console/login")
    String login() {
        return ConsoleAdvice.me() != null ? "redirect:/console" : "console/login";
    }

    /** Forwarded to (any method) when a signed-in user, or a post without its CSRF token, is refused: 403. */
    @org.springframework.web.bind.annotation.RequestMapping("/console/denied")
    String denied(Model model, jakarta.servlet.http.HttpServletResponse response) {
        response.setStatus(403);
        model.addAttribute("title", "Not allowed");
        model.addAttribute("message", "This page is not part of your console.");
        return "console/error";
    }

    @GetMapping("/console/me")
    String me(Model model) {
        model.addAttribute("title", "Your sign-in");
        return "console/me";
    }

    /** A new password ends the user's other sessions at their next request; this one goes on. */
    @PostMapping("/console/me/password")
    String password(@RequestParam String currentPassword, @RequestParam String newPassword, Model model,
            jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        model.addAttribute("title", "Your sign-in");
        try {
            ConsoleUser changed = users.changePassword(ConsoleAdvice.me().id(), currentPassword, newPassword);
            ConsoleAuthentication.keepSession(changed, request, response);
            model.addAttribute("done", true);
        } catch (RuleViolation e) {
            model.addAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "console/me";
    }
}
