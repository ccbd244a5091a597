package org.fairsend.console.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.AccountService;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.campaigns.ContentReviews;
import org.fairsend.campaigns.ContentReviews.Review;
import org.fairsend.platform.RuleViolation;
import org.fairsend.reputation.ReputationViews;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's review desk (R-11, issue 16), through {@link ContentReviews}, {@link AccountService},
 * {@link CampaignService} and {@link ReputationViews} only: the campaigns waiting for a review, oldest first; a page
 * per request with the campaign's text (every part as escaped text, the matched terms in {@code <mark>}; the
 * account's HTML is never rendered here), the findings, the account's history (its earlier reviews, campaigns,
 * incriminated campaigns and standing per channel) and the approve / refuse forms with a reason.
 */
@Controller
class ReviewDeskPages implements ConsolePage {

    static final String PATH = "/console/operator/reviews";

    private final ContentReviews reviews;
    private final AccountService accounts;
    private final CampaignService campaigns;
    private final ReputationViews reputation;

    ReviewDeskPages(ContentReviews reviews, AccountService accounts, CampaignService campaigns, ReputationViews reputation) {
        this.reviews = reviews;
        this.accounts = accounts;
        this.campaigns = campaigns;
        this.reputation = reputation;
    }

    /** A row of the queue: the request and its account's name. */
    record Row(Review review, String account) {}

    /** A part of the campaign as text, the terms marked. */
    record Part(String id, String label, List<Highlight.Piece> pieces) {}

    @GetMapping(PATH)
    String list(@RequestParam(defaultValue = "pending") String state, Model model) {
        ContentReviews.State s = ContentReviews.State.of(state);
        List<Row> rows = new ArrayList<>();
        for (Review r : reviews.list(s, 200)) rows.add(new Row(r, accounts.get(r.accountId()).displayName()));
        model.addAttribute("title", "Content reviews");
        model.addAttribute("state", s.code());
        model.addAttribute("states", List.of(ContentReviews.State.values()));
        model.addAttribute("rows", rows);
        return "console/operator/reviews";
    }

    @GetMapping(PATH + "/{id}")
    String review(@PathVariable UUID id, Model model) {
        Review r = reviews.get(id);
        var content = reviews.content(id);
        List<String> terms = r.terms();
        List<Part> parts = new ArrayList<>();
        part(parts, "subject", "Subject", content.subject(), terms);
        part(parts, "preheader", "Preheader", content.preheader(), terms);
        part(parts, "text", "Text part", content.text(), terms);
        part(parts, "html", "HTML body (its text)", content.htmlText(), terms);
        part(parts, "sms", "SMS text", content.smsText(), terms);
        part(parts, "transcript", "Voice transcript", content.transcript(), terms);
        var account = accounts.get(r.accountId());
        var sanctions = reputation.sanctions(r.accountId());
        List<Campaign> all = campaigns.list(r.accountId(), 1000);
        model.addAttribute("title", "Review of " + r.campaignName());
        model.addAttribute("r", r);
        model.addAttribute("a", account);
        model.addAttribute("terms", terms);
        model.addAttribute("parts", parts);
        model.addAttribute("history", reviews.ofAccount(r.accountId(), 50).stream().filter(x -> !x.id().equals(id)).toList());
        model.addAttribute("campaignCount", all.size());
        model.addAttribute("campaignsSent", all.stream().filter(c -> c.startedAt() != null).count());
        model.addAttribute("incidents", sanctions.incidents());
        model.addAttribute("standing", accounts.channels(r.accountId()));
        return "console/operator/review";
    }

    private static void part(List<Part> parts, String id, String label, String text, List<String> terms) {
        if (text != null && !text.isBlank()) parts.add(new Part(id, label, Highlight.pieces(text, terms)));
    }

    @PostMapping(PATH + "/{id}/approve")
    String approve(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        return decide(id, flash, () -> reviews.approve(id, ConsoleAdvice.me().actor(), reason), "Approved: the campaign goes on as asked.");
    }

    @PostMapping(PATH + "/{id}/refuse")
    String refuse(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        return decide(id, flash, () -> reviews.refuse(id, ConsoleAdvice.me().actor(), reason), "Refused: the campaign is a draft again.");
    }

    private String decide(UUID id, RedirectAttributes flash, java.util.function.Supplier<Review> decision, String done) {
        try {
            Review r = decision.get();
            if (r.state() == ContentReviews.State.WITHDRAWN) {
                flash.addFlashAttribute("errors", List.of(new RuleViolation.Violation("contentHash", "R-11",
                        "the campaign's content changed since the request: the request is withdrawn")));
                return "redirect:" + PATH + "/" + id;
            }
            flash.addFlashAttribute("notice", done + " The account is told by mail.");
            return "redirect:" + PATH;
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
            return "redirect:" + PATH + "/" + id;
        }
    }

    /**
     * The desk in the operator's navigation, with the number waiting; on a campaign's page (the account's and the
     * operator's) its latest review and decision.
     */
    @Component
    static class Section implements ConsoleSection {

        private final ContentReviews reviews;

        Section(ContentReviews reviews) {
            this.reviews = reviews;
        }

        @Override
        public List<NavLink> links(ConsoleUser u) {
            if (!u.operator()) return List.of();
            long pending = reviews.pendingCount();
            return List.of(new NavLink(pending == 0 ? "Reviews" : "Reviews (" + pending + ")", PATH, 10));
        }

        @Override
        public List<HomePanel> campaignPanels(ConsoleUser user, Campaign campaign) {
            return reviews.latest(campaign.accountId(), campaign.id())
                    .map(r -> List.of(new HomePanel(Slot.ACTIVITY, "Content review", "console/review-parts :: decision",
                            Map.<String, Object>of("r", r, "operator", user.operator()), 5)))
                    .orElse(List.of());
        }
    }
}
