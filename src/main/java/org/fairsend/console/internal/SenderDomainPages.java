package org.fairsend.console.internal;

import java.util.ArrayList;
import java.util.UUID;
import org.fairsend.accounts.SenderDomainSetup;
import org.fairsend.accounts.SenderDomains;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sender domains: the DNS records to publish and the status of their last check. */
@Controller
class SenderDomainPages implements ConsolePage {

    private final SenderDomains domains;
    private final SenderDomainSetup setup;

    SenderDomainPages(SenderDomains domains, SenderDomainSetup setup) {
        this.domains = domains;
        this.setup = setup;
    }

    private static UUID account() {
        return ConsoleAdvice.me().account();
    }

    @GetMapping("/console/sender-domains")
    String list(Model model) {
        model.addAttribute("title", "Sender domains");
        model.addAttribute("domains", domains.list(account()));
        return "console/sender-domains";
    }

    @PostMapping("/console/sender-domains")
    String add(@RequestParam String domain, Model model) {
        try {
            return "redirect:/console/sender-domains/" + setup.add(account(), domain).domain().id();
        } catch (RuleViolation e) {
            model.addAttribute("errors", new ArrayList<>(e.violations()));
            return list(model);
        }
    }

    @GetMapping("/console/sender-domains/{id}")
    String show(@PathVariable UUID id, Model model) {
        var d = setup.details(account(), id);
        model.addAttribute("title", d.domain().domain());
        model.addAttribute("d", d);
        return "console/sender-domain";
    }

    @PostMapping("/console/sender-domains/{id}/check")
    String check(@PathVariable UUID id, RedirectAttributes flash) {
        var d = setup.check(account(), id);
        flash.addFlashAttribute("notice", d.domain().verified() ? "Checked: the domain is verified." : "Checked: see each record below.");
        return "redirect:/console/sender-domains/" + id;
    }
}
