package org.fairsend.console.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.platform.RuleViolation;
import org.fairsend.webhooks.OutboundWebhooks;
import org.fairsend.webhooks.OutboundWebhooks.Delivery;
import org.fairsend.webhooks.WebhookEventType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The account's outbound webhooks (issue 20) through {@link OutboundWebhooks}, the same service and checks as the REST
 * API (SSRF, event types): the endpoints with their events and state; an admin adds one (the signing secret is shown on
 * the answer to the creation only, never stored in the session nor shown again), sends a test ping, disables, enables
 * or deletes it. An endpoint's page lists its latest deliveries with their attempts. Another account's endpoint is a
 * 404 page; a frozen account's console is read-only ({@link FrozenConsole} refuses the posts; the forms are not shown).
 */
@Controller
class WebhookPages implements ConsolePage {

    static final String PATH = "/console/webhooks";

    /** What each event type reports, for the checkboxes. */
    static final Map<WebhookEventType, String> DESCRIPTIONS = Map.of(
            WebhookEventType.SENT, "a message was accepted by the next hop (for email, the receiving server)",
            WebhookEventType.DELIVERED, "an SMS's delivery receipt, or a voice message left on the voicemail or heard (email has no delivery proof)",
            WebhookEventType.BOUNCED, "a hard or soft bounce",
            WebhookEventType.COMPLAINED, "a spam complaint",
            WebhookEventType.UNSUBSCRIBED, "an unsubscribe (link, one-click, preference centre, SMS STOP, voice opt-out)",
            WebhookEventType.CLICKED, "a person's click (a link scanner's is not reported)",
            WebhookEventType.SMS_REPLY, "an SMS reply to your messages, with its text for your own contacts",
            WebhookEventType.CALL, "a tracked call completed or missed, with its duration (caller as call tracking stores it)");

    private final OutboundWebhooks webhooks;
    private final FrozenConsole frozen;

    WebhookPages(OutboundWebhooks webhooks, FrozenConsole frozen) {
        this.webhooks = webhooks;
        this.frozen = frozen;
    }

    @Component
    static class Section implements ConsoleSection {
        @Override
        public List<NavLink> links(ConsoleUser u) {
            return u.operator() ? List.of() : List.of(new NavLink("Webhooks", PATH, 88));
        }
    }

    record EventChoice(String code, String description, boolean checked) {}

    private static UUID account() {
        return ConsoleAdvice.me().account();
    }

    /** Only an account admin changes the webhooks: they send the account's data to another system. */
    private static ConsoleUser admin() {
        ConsoleUser me = ConsoleAdvice.me();
        if (!me.admin()) throw new AccessDeniedException("only an account admin manages the webhooks");
        return me;
    }

    private boolean canManage() {
        ConsoleUser me = ConsoleAdvice.me();
        return me.admin() && frozen.of(me).isEmpty();
    }

    @GetMapping(PATH)
    String list(Model model) {
        return list(model, null, null, List.of());
    }

    private String list(Model model, String url, String description, List<String> picked) {
        model.addAttribute("title", "Webhooks");
        model.addAttribute("endpoints", webhooks.endpoints(account()));
        model.addAttribute("canManage", canManage());
        model.addAttribute("url", url);
        model.addAttribute("description", description);
        model.addAttribute("choices", webhooks.subscribable().stream()
                .map(t -> new EventChoice(t.code(), DESCRIPTIONS.getOrDefault(t, ""), picked.contains(t.code()))).toList());
        return "console/webhooks";
    }

    @PostMapping(PATH)
    String create(@RequestParam(required = false) String url, @RequestParam(required = false) String description,
            @RequestParam(required = false) List<String> events, Model model) {
        ConsoleUser me = admin();
        List<String> picked = events == null ? List.of() : events;
        try {
            var created = webhooks.create(me.account(), me.actor(), url, picked, description);
            // the secret is in this answer only: not a redirect (a flash attribute would keep it in the session)
            model.addAttribute("secret", created.secret());
            model.addAttribute("notice", "The endpoint is added. Copy its signing secret now: it is not shown again.");
            return show(created.endpoint().id(), model);
        } catch (RuleViolation e) {
            model.addAttribute("errors", new ArrayList<>(e.violations()));
            return list(model, url, description, picked);
        }
    }

    @GetMapping(PATH + "/{id}")
    String show(@PathVariable UUID id, Model model) {
        var e = webhooks.endpoint(account(), id);
        List<Delivery> deliveries = webhooks.deliveries(account(), id, 50);
        model.addAttribute("title", "Webhook " + e.url());
        model.addAttribute("e", e);
        model.addAttribute("active", e.state() == OutboundWebhooks.EndpointState.ACTIVE);
        model.addAttribute("deliveries", deliveries);
        model.addAttribute("canManage", canManage());
        return "console/webhook";
    }

    @PostMapping(PATH + "/{id}/test")
    String test(@PathVariable UUID id, RedirectAttributes flash) {
        ConsoleUser me = admin();
        Delivery d = webhooks.test(me.account(), id);
        var last = d.lastAttempts().isEmpty() ? null : d.lastAttempts().getFirst();
        if (d.state() == OutboundWebhooks.DeliveryState.DELIVERED) {
            flash.addFlashAttribute("notice", "Ping delivered: your endpoint answered HTTP " + last.statusCode() + ".");
        } else {
            flash.addFlashAttribute("problem", "Ping not delivered: " + (last == null ? "no attempt" : last.error())
                    + (d.nextAttemptAt() == null ? "." : "; retried at " + d.nextAttemptAt() + "."));
        }
        return "redirect:" + PATH + "/" + id;
    }

    @PostMapping(PATH + "/{id}/disable")
    String disable(@PathVariable UUID id, RedirectAttributes flash) {
        ConsoleUser me = admin();
        webhooks.disable(me.account(), id, me.actor());
        flash.addFlashAttribute("notice", "The endpoint is disabled: it receives no new events; pending deliveries wait until you enable it.");
        return "redirect:" + PATH + "/" + id;
    }

    @PostMapping(PATH + "/{id}/enable")
    String enable(@PathVariable UUID id, RedirectAttributes flash) {
        ConsoleUser me = admin();
        webhooks.enable(me.account(), id, me.actor());
        flash.addFlashAttribute("notice", "The endpoint is enabled.");
        return "redirect:" + PATH + "/" + id;
    }

    @PostMapping(PATH + "/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes flash) {
        ConsoleUser me = admin();
        String url = webhooks.endpoint(me.account(), id).url();
        webhooks.delete(me.account(), id, me.actor());
        flash.addFlashAttribute("notice", "The endpoint " + url + " is deleted; its pending deliveries are not posted.");
        return "redirect:" + PATH;
    }
}
