package org.fairsend.feedback.internal;

import org.fairsend.platform.RecipientLanguages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Where a re-permission campaign's "yes, keep writing to me" link lands. The page itself records nothing: the
 * tracked click that led here ({@code /c/{token}}, {@link TrackingController}) is the evidence, classified like any
 * click (a scanner's follow does not count), and a person's click makes the contact engaged again. It speaks the
 * language its link names ({@code ?lang=fr}, set by the re-permission mail in its own language; issue 20), English
 * otherwise.
 */
@Controller
class StillInterestedPage {

    static final String PATH = "/still-interested";

    private final RecipientLanguages languages;

    StillInterestedPage(RecipientLanguages languages) {
        this.languages = languages;
    }

    @GetMapping(PATH)
    String page(@RequestParam(required = false) String lang, Model model) {
        model.addAttribute("t", languages.in(languages.choose(lang == null || lang.length() > 35 ? null : lang)));
        return "feedback/still-interested";
    }
}
