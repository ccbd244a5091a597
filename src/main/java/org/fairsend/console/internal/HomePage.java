package org.fairsend.console.internal;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.AccountService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The account's home: its status per channel, then the panels the sections contribute, by slot
 * ({@code indicators}: the reputation module's charts against their thresholds plug in here;
 * {@code activity}: running campaigns with live progress).
 */
@Controller
class HomePage implements ConsolePage {

    private final AccountService accounts;
    private final List<ConsoleSection> sections;

    HomePage(AccountService accounts, List<ConsoleSection> sections) {
        this.accounts = accounts;
        this.sections = sections;
    }

    @GetMapping({"/console", "/console/"})
    String home(Model model) {
        ConsoleUser me = ConsoleAdvice.me();
        if (me.operator()) return "redirect:/console/operator";
        UUID account = me.account();
        var panels = sections.stream().flatMap(s -> s.homePanels(me).stream())
                .sorted(Comparator.comparingInt(ConsoleSection.HomePanel::order)).toList();
        model.addAttribute("title", "Home");
        model.addAttribute("account", accounts.get(account));
        model.addAttribute("channels", accounts.channels(account));
        model.addAttribute("indicatorPanels", panels.stream().filter(p -> p.slot() == ConsoleSection.Slot.INDICATORS).toList());
        model.addAttribute("activityPanels", panels.stream().filter(p -> p.slot() != ConsoleSection.Slot.INDICATORS).toList());
        return "console/home";
    }
}
