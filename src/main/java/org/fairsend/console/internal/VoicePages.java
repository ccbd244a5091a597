package org.fairsend.console.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.CallerNumbers;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.campaigns.VoiceCampaigns;
import org.fairsend.contacts.ContactBook;
import org.fairsend.platform.Channel;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Voicemail drops for an account: its voice campaigns, the editor (recording, caller
 * number) with the preflight findings and the preview of the transcript and the number shown, its recordings
 * (upload a WAV or MP3 with its transcript), and its caller numbers with their ownership declarations.
 */
@Controller
class VoicePages implements ConsolePage {

    private final CampaignService campaigns;
    private final VoiceCampaigns voice;
    private final CallerNumbers callers;
    private final ContactBook book;
    private final org.springframework.transaction.support.TransactionTemplate tx;

    VoicePages(CampaignService campaigns, VoiceCampaigns voice, CallerNumbers callers, ContactBook book,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        this.tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.campaigns = campaigns;
        this.voice = voice;
        this.callers = callers;
        this.book = book;
    }

    @Component
    static class Section implements ConsoleSection {
        @Override
        public List<NavLink> links(ConsoleUser u) {
            return u.operator() ? List.of() : List.of(new NavLink("Voice", "/console/voice", 32));
        }

        @Override
        public Optional<String> campaignPage(Campaign c) {
            return c.channel() == Channel.VOICE ? Optional.of("/console/voice/campaigns/" + c.id()) : Optional.empty();
        }
    }

    private static UUID account() {
        return ConsoleAdvice.me().account();
    }

    @GetMapping("/console/voice")
    String list(Model model) {
        UUID a = account();
        model.addAttribute("title", "Voice");
        model.addAttribute("campaigns", campaigns.list(a, 200).stream().filter(c -> c.channel() == Channel.VOICE).toList());
        model.addAttribute("recordings", voice.recordings(a));
        model.addAttribute("callers", callers.list(a));
        return "console/voice/list";
    }

    @PostMapping("/console/voice/campaigns")
    String create(@RequestParam String name, RedirectAttributes flash) {
        UUID a = account();
        var lists = book.lists(a).stream().map(ContactBook.ContactList::id).toList();
        Campaign c = campaigns.create(a, new CampaignService.Draft(name.isBlank() ? null : name.strip(), "voice", "marketing", null, null,
                null, null, null, null, null, lists.size() == 1 ? lists : null, null, null, null, null, null, null, null));
        flash.addFlashAttribute("notice", "Draft created.");
        return "redirect:/console/voice/campaigns/" + c.id();
    }

    @PostMapping("/console/voice/recordings")
    String upload(@RequestParam(required = false) String name, @RequestParam(required = false) String transcript,
            @RequestParam(required = false) MultipartFile file, RedirectAttributes flash) throws IOException {
        try {
            var r = voice.upload(account(), name, transcript, file == null || file.isEmpty() ? null : file.getBytes(), ConsoleAdvice.me().actor());
            flash.addFlashAttribute("notice", String.format(java.util.Locale.ROOT, "Recording %s stored (%.1f s).", r.name(), r.durationMillis() / 1000.0));
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/voice";
    }

    /** the number, who declares it and the declaration that it is the account's own. */
    @PostMapping("/console/voice/caller-numbers")
    String declare(@RequestParam(required = false) String number, @RequestParam(required = false) String declarantName,
            @RequestParam(required = false) String declaration, RedirectAttributes flash) {
        try {
            var n = callers.declare(account(), number, declarantName, declaration, ConsoleAdvice.me().actor());
            flash.addFlashAttribute("notice", "Caller number " + n.national() + " declared.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/voice";
    }

    private Campaign voiceCampaign(UUID id) {
        Campaign c = campaigns.get(account(), id);
        if (c.channel() != Channel.VOICE) throw new NotFound("voice campaign");
        return c;
    }

    @GetMapping("/console/voice/campaigns/{id}")
    String show(@PathVariable UUID id, Model model) {
        fill(model, voiceCampaign(id));
        return "console/voice/campaign";
    }

    private void fill(Model model, Campaign c) {
        UUID a = c.accountId();
        var settings = voice.settings(c);
        model.addAttribute("title", c.name());
        model.addAttribute("c", c);
        model.addAttribute("editable", c.status() == Campaign.Status.DRAFT || c.status() == Campaign.Status.SCHEDULED);
        model.addAttribute("lists", book.lists(a));
        model.addAttribute("recordings", voice.recordings(a));
        model.addAttribute("callers", callers.list(a).stream().filter(CallerNumbers.CallerNumber::active).toList());
        model.addAttribute("settings", settings);
        model.addAttribute("recording", voice.recordings(a).stream().filter(r -> r.id().equals(settings.voiceMessageId())).findFirst().orElse(null));
        model.addAttribute("report", campaigns.preflight(a, c.id()));
        model.addAttribute("history", campaigns.history(a, c.id()));
        model.addAttribute("progress", campaigns.progress(a, c.id()));
    }

    @PostMapping("/console/voice/campaigns/{id}")
    String save(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes flash) {
        UUID a = account();
        Campaign c = voiceCampaign(id);
        try {
            UUID recording = uuid(form.getFirst("voiceMessageId"), "voiceMessageId");
            UUID caller = uuid(form.getFirst("callerNumberId"), "callerNumberId");
            var email = CampaignPages.draft(form);
            // one transaction: a refused recording or caller number leaves the name and lists unchanged too
            tx.executeWithoutResult(t -> {
                campaigns.update(a, id, new CampaignService.Draft(form.getFirst("name"), null, null, null, null, null, null, null, null, null,
                        email.listIds(), null, null, null, null, null, email.throttlePerMinute(), null));
                voice.update(campaigns.get(a, id), recording, caller);
            });
        } catch (RuleViolation e) {
            fill(model, campaigns.get(a, c.id()));
            model.addAttribute("errors", new ArrayList<>(e.violations()));
            return "console/voice/campaign";
        }
        flash.addFlashAttribute("notice", "Saved.");
        return "redirect:/console/voice/campaigns/" + id;
    }

    private static UUID uuid(String s, String field) {
        if (s == null || s.isBlank()) return null;
        try {
            return UUID.fromString(s.strip());
        } catch (IllegalArgumentException e) {
            throw new RuleViolation(field, "uuid", "choose one from the list");
        }
    }
}
