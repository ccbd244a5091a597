package org.fairsend.console.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.CallerNumbers;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.campaigns.VoiceCampaigns;
import org.fairsend.platform.Channel;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The voice area of an account: its voice campaigns, its recordings (upload a WAV or MP3
 * with its transcript), and its caller numbers with their ownership declarations. A campaign's page is the campaign
 * page of every channel ({@link CampaignPages} with the {@link VoiceEditor}).
 */
@Controller
class VoicePages implements ConsolePage {

    private final CampaignService campaigns;
    private final VoiceCampaigns voice;
    private final CallerNumbers callers;

    VoicePages(CampaignService campaigns, VoiceCampaigns voice, CallerNumbers callers) {
        this.campaigns = campaigns;
        this.voice = voice;
        this.callers = callers;
    }

    @Component
    static class Section implements ConsoleSection {
        @Override
        public List<NavLink> links(ConsoleUser u) {
            return u.operator() ? List.of() : List.of(new NavLink("Voice", "/console/voice", 32));
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
}
