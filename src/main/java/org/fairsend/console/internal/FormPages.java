package org.fairsend.console.internal;

import java.util.ArrayList;
import java.util.UUID;
import org.fairsend.consent.SubscriptionForms;
import org.fairsend.contacts.ContactBook;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Subscription forms: build one, preview the hosted page, copy the embed snippet, see the submissions its
 * bot checks refused (issue 15).
 */
@Controller
class FormPages implements ConsolePage {

    private final SubscriptionForms forms;
    private final ContactBook book;
    private final org.fairsend.consent.FormRefusals refusals;

    FormPages(SubscriptionForms forms, ContactBook book, org.fairsend.consent.FormRefusals refusals) {
        this.refusals = refusals;
        this.forms = forms;
        this.book = book;
    }

    private static UUID account() {
        return ConsoleAdvice.me().account();
    }

    @GetMapping("/console/forms")
    String list(Model model) {
        UUID a = account();
        model.addAttribute("title", "Subscription forms");
        model.addAttribute("forms", forms.forms(a));
        model.addAttribute("lists", book.lists(a));
        return "console/forms";
    }

    @PostMapping("/console/forms")
    String create(@RequestParam String name, @RequestParam(required = false) String listId, @RequestParam String subject,
            @RequestParam String declarationText, @RequestParam String optInType, @RequestParam(required = false) String redirectUrl,
            Model model) {
        try {
            UUID list = listId == null || listId.isBlank() ? null : UUID.fromString(listId);
            var f = forms.create(account(), new SubscriptionForms.NewForm(name, list, subject, declarationText, optInType,
                    redirectUrl == null || redirectUrl.isBlank() ? null : redirectUrl));
            return "redirect:/console/forms/" + f.id();
        } catch (RuleViolation e) {
            model.addAttribute("errors", new ArrayList<>(e.violations()));
        } catch (IllegalArgumentException e) {
            model.addAttribute("errors", java.util.List.of(new RuleViolation.Violation("listId", "uuid", "unknown list")));
        }
        return list(model);
    }

    @GetMapping("/console/forms/{id}")
    String show(@PathVariable UUID id, Model model) {
        var f = forms.form(account(), id);
        model.addAttribute("title", f.name());
        model.addAttribute("f", f);
        model.addAttribute("iframeSnippet", "<iframe src=\"" + f.url() + "\" title=\"" + f.name().replace("\"", "&quot;")
                + "\" style=\"border:0;width:100%;min-height:420px\"></iframe>");
        // issue 15: a submission needs the signed fill token the hosted page renders, so a copied static form would be
        // refused; the form is embedded as a frame or linked to
        model.addAttribute("refusals", refusals.refusals(account(), id, 30));
        return "console/form";
    }
}
