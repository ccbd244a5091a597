package org.fairsend.console.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fairsend.accounts.AccountService;
import org.fairsend.platform.RecipientLanguages;
import org.fairsend.platform.RuleViolation;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The account's settings as its recipients see them (issue 20): the legal identity the operator recorded, and what the
 * account sets itself, through the same {@link AccountService#updateSettings} as {@code PATCH /api/account}: the
 * language its recipients read when a contact names none, and the postal address every marketing email's footer names
 * with the legal name (R-9; the preflight refuses a marketing email campaign without it). An admin changes them; a
 * refused value is shown at its field and nothing is stored; a frozen account's console is read-only.
 */
@Controller
class AccountSettingsPages {

    static final String PATH = "/console/account";

    private final AccountService accounts;
    private final RecipientLanguages languages;
    private final FrozenConsole frozen;

    AccountSettingsPages(AccountService accounts, RecipientLanguages languages, FrozenConsole frozen) {
        this.accounts = accounts;
        this.languages = languages;
        this.frozen = frozen;
    }

    @Component
    static class Section implements ConsoleSection {
        @Override
        public List<NavLink> links(ConsoleUser u) {
            return u.operator() ? List.of() : List.of(new NavLink("Account", PATH, 95));
        }
    }

    /** A language of the select: its tag and its name in itself ("français", "English"). */
    record LanguageChoice(String tag, String name) {}

    @GetMapping(PATH)
    String page(Model model) {
        var a = accounts.get(ConsoleAdvice.me().account());
        return page(model, a.language(), a.postalAddress());
    }

    private String page(Model model, String language, String postalAddress) {
        ConsoleUser me = ConsoleAdvice.me();
        model.addAttribute("title", "Account");
        model.addAttribute("account", accounts.get(me.account()));
        model.addAttribute("language", language);
        model.addAttribute("postalAddress", postalAddress);
        model.addAttribute("languages", languages.supported().stream().map(t -> {
            Locale l = Locale.forLanguageTag(t);
            String name = l.getDisplayLanguage(l);
            return new LanguageChoice(t, name.isEmpty() ? t : name.substring(0, 1).toUpperCase(l) + name.substring(1));
        }).toList());
        model.addAttribute("canManage", me.admin() && frozen.of(me).isEmpty());
        return "console/account";
    }

    @PostMapping(PATH)
    String save(@RequestParam(required = false) String language, @RequestParam(required = false) String postalAddress, Model model,
            RedirectAttributes flash) {
        ConsoleUser me = ConsoleAdvice.me();
        if (!me.admin()) throw new AccessDeniedException("only an account admin changes the account's settings");
        try {
            // a blank field removes the value (the API's blank); the form always sends both
            accounts.updateSettings(me.account(), new AccountService.Settings(language == null ? "" : language,
                    postalAddress == null ? "" : postalAddress));
        } catch (RuleViolation e) {
            model.addAttribute("errors", new ArrayList<>(e.violations()));
            return page(model, language, postalAddress);
        }
        flash.addFlashAttribute("notice", "Your settings are saved.");
        return "redirect:" + PATH;
    }
}
