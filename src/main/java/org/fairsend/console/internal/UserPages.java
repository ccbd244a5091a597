package org.fairsend.console.internal;

import java.util.ArrayList;
import java.util.UUID;
import org.fairsend.platform.RuleViolation;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** An account admin manages the account's console users (members cannot). */
@Controller
class UserPages implements ConsolePage {

    private final ConsoleUsers users;

    UserPages(ConsoleUsers users) {
        this.users = users;
    }

    private static ConsoleUser admin() {
        ConsoleUser me = ConsoleAdvice.me();
        if (!me.admin()) throw new AccessDeniedException("only an account admin manages users");
        return me;
    }

    @GetMapping("/console/users")
    String list(Model model) {
        ConsoleUser me = admin();
        model.addAttribute("title", "Users");
        model.addAttribute("users", users.ofAccount(me.account()));
        return "console/users";
    }

    @PostMapping("/console/users")
    String create(@RequestParam String email, @RequestParam(required = false) String displayName, @RequestParam String role,
            @RequestParam(required = false) String password, Model model) {
        ConsoleUser me = admin();
        try {
            var c = users.create(me.account(), new ConsoleUsers.NewUser(email, displayName, role, password), me.actor());
            model.addAttribute("created", c.user());
            model.addAttribute("generatedPassword", c.generatedPassword());
        } catch (RuleViolation e) {
            model.addAttribute("errors", new ArrayList<>(e.violations()));
        }
        model.addAttribute("title", "Users");
        model.addAttribute("users", users.ofAccount(me.account()));
        return "console/users";
    }

    @PostMapping("/console/users/{id}/disable")
    String disable(@PathVariable UUID id, RedirectAttributes flash) {
        ConsoleUser me = admin();
        if (me.id().equals(id)) throw new RuleViolation("id", "self", "you cannot disable yourself");
        users.disable(me.account(), id);
        flash.addFlashAttribute("notice", "The user is disabled.");
        return "redirect:/console/users";
    }
}
