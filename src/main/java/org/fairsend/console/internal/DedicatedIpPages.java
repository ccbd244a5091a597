package org.fairsend.console.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.AccountService;
import org.fairsend.accounts.SenderDomain;
import org.fairsend.accounts.SenderDomains;
import org.fairsend.dedicatedip.DedicatedIpRequest;
import org.fairsend.dedicatedip.DedicatedIps;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Dedicated IPs in the console (issue 19): the account asks for one and follows its request, the warm-up's progress and
 * the history; the operator's desk lists the requests and the pool, assigns an address, rejects or releases with a
 * reason. The pages only call {@link DedicatedIps}; the rules are there.
 */
@Controller
class DedicatedIpPages implements ConsolePage {

    private final DedicatedIps ips;
    private final SenderDomains domains;
    private final AccountService accounts;

    DedicatedIpPages(DedicatedIps ips, SenderDomains domains, AccountService accounts) {
        this.ips = ips;
        this.domains = domains;
        this.accounts = accounts;
    }

    /** One request as a page shows it: with its trail, its progress and (for the operator) the account's name. */
    record Shown(DedicatedIpRequest r, String accountName, List<org.fairsend.dedicatedip.DedicatedIpEvent> history,
            org.fairsend.dedicatedip.WarmupProgress progress) {}

    private Shown shown(DedicatedIpRequest r) {
        String name = accounts.find(r.accountId()).map(org.fairsend.accounts.Account::displayName).orElse(r.accountId().toString());
        return new Shown(r, name, ips.events(r.id()), ips.progress(r.id()).orElse(null));
    }

    // --- the account ------------------------------------------------------------------------------------------------

    @GetMapping("/console/dedicated-ip")
    String account(Model model) {
        UUID account = ConsoleAdvice.me().account();
        List<DedicatedIpRequest> mine = ips.list(account);
        model.addAttribute("title", "Dedicated IP");
        model.addAttribute("requests", mine.stream().map(this::shown).toList());
        model.addAttribute("canAsk", mine.stream().noneMatch(r -> r.status().open()));
        model.addAttribute("domains", domains.list(account).stream().filter(SenderDomain::verified).map(SenderDomain::domain).toList());
        return "console/dedicated-ip";
    }

    @PostMapping("/console/dedicated-ip")
    String ask(@RequestParam(required = false) String monthlyVolume, @RequestParam(required = false) List<String> domains,
            @RequestParam(required = false) String note, RedirectAttributes flash) {
        ConsoleUser me = ConsoleAdvice.me();
        try {
            Long volume = null;
            try {
                volume = monthlyVolume == null || monthlyVolume.isBlank() ? null : Long.parseLong(monthlyVolume.strip().replace(" ", ""));
            } catch (NumberFormatException e) {
                throw new RuleViolation("monthlyVolume", "dedicated-ip", "a whole number of emails per month");
            }
            ips.request(me.account(), volume, domains == null ? List.of() : domains, note, me.actor());
            flash.addFlashAttribute("notice", "Your request was sent to the operator.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/dedicated-ip";
    }

    // --- the operator -----------------------------------------------------------------------------------------------

    @GetMapping("/console/operator/dedicated-ips")
    String desk(Model model) {
        model.addAttribute("title", "Dedicated IPs");
        model.addAttribute("requests", ips.all(null).stream().map(this::shown).toList());
        model.addAttribute("pool", ips.pool());
        return "console/operator/dedicated-ips";
    }

    @PostMapping("/console/operator/dedicated-ips/pool")
    String addToPool(@RequestParam(required = false) String address, @RequestParam(required = false) String note, RedirectAttributes flash) {
        try {
            var a = ips.addToPool(address, note, ConsoleAdvice.me().actor());
            flash.addFlashAttribute("notice", a.address() + " is in the pool.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/operator/dedicated-ips";
    }

    @GetMapping("/console/operator/dedicated-ips/{id}")
    String request(@PathVariable UUID id, Model model) {
        Shown s = shown(ips.getAny(id));
        model.addAttribute("title", "Dedicated IP - " + s.accountName());
        model.addAttribute("s", s);
        model.addAttribute("free", ips.pool().stream().filter(p -> p.heldBy() == null).toList());
        return "console/operator/dedicated-ip";
    }

    @PostMapping("/console/operator/dedicated-ips/{id}/assign")
    String assign(@PathVariable UUID id, @RequestParam(required = false) String address, @RequestParam(required = false) String startsOn,
            @RequestParam(required = false) String reason, RedirectAttributes flash) {
        return decide(id, flash, () -> {
            LocalDate first;
            try {
                first = startsOn == null || startsOn.isBlank() ? null : LocalDate.parse(startsOn.strip());
            } catch (java.time.format.DateTimeParseException e) {
                throw new RuleViolation("startsOn", "date", "a date, yyyy-mm-dd");
            }
            return ips.assign(id, address, first, reason, ConsoleAdvice.me().actor());
        });
    }

    @PostMapping("/console/operator/dedicated-ips/{id}/reject")
    String reject(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        return decide(id, flash, () -> ips.reject(id, reason, ConsoleAdvice.me().actor()));
    }

    @PostMapping("/console/operator/dedicated-ips/{id}/release")
    String release(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        return decide(id, flash, () -> ips.release(id, reason, ConsoleAdvice.me().actor()));
    }

    private String decide(UUID id, RedirectAttributes flash, java.util.function.Supplier<DedicatedIpRequest> step) {
        try {
            DedicatedIpRequest r = step.get();
            flash.addFlashAttribute("notice", "The request is now " + r.status().code() + ".");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/operator/dedicated-ips/" + id;
    }

    /** The navigation (the account's page, the operator's desk) and the account's requests on the operator's page of it. */
    @Component
    static class Section implements ConsoleSection {

        private final DedicatedIps ips;

        Section(DedicatedIps ips) {
            this.ips = ips;
        }

        @Override
        public List<NavLink> links(ConsoleUser u) {
            return List.of(u.operator() ? new NavLink("Dedicated IPs", "/console/operator/dedicated-ips", 60)
                    : new NavLink("Dedicated IP", "/console/dedicated-ip", 37));
        }

        @Override
        public List<HomePanel> operatorAccountPanels(ConsoleUser operator, UUID accountId) {
            List<DedicatedIpRequest> requests = ips.list(accountId);
            if (requests.isEmpty()) return List.of();
            return List.of(new HomePanel(ConsoleSection.Slot.SANCTIONS, "Dedicated IP", "console/dedicated-ip-parts :: operator-account",
                    java.util.Map.of("requests", requests), 5));
        }
    }

}
