package org.fairsend.console.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.fairsend.calltracking.CallTracking;
import org.fairsend.platform.RuleViolation;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Call tracking for an account: its media, its tracked numbers with the medium each stands for
 * and its redirection (a refused target shows the rule), the call log with callers exactly as the module stores
 * them (masked for a masked account: nothing here unmasks), and the calls per medium and per zone as charts
 * whose data comes from a JSON endpoint (aggregates only, never a caller).
 */
@Controller
class CallTrackingPages implements ConsolePage {

    private final CallTracking tracking;
    private final tools.jackson.databind.ObjectMapper json;

    CallTrackingPages(CallTracking tracking, tools.jackson.databind.ObjectMapper json) {
        this.tracking = tracking;
        this.json = json;
    }

    @Component
    static class Section implements ConsoleSection {
        @Override
        public List<NavLink> links(ConsoleUser u) {
            return u.operator() ? List.of(new NavLink("Tracked numbers", "/console/operator/calltracking", 30))
                    : List.of(new NavLink("Call tracking", "/console/calltracking", 50));
        }
    }

    private static UUID account() {
        return ConsoleAdvice.me().account();
    }

    @GetMapping("/console/calltracking")
    String overview(Model model) {
        UUID a = account();
        model.addAttribute("title", "Call tracking");
        model.addAttribute("media", tracking.media(a));
        model.addAttribute("types", tracking.mediumTypes());
        model.addAttribute("lines", tracking.lines(a));
        model.addAttribute("masked", tracking.callerNumbers(a) != CallTracking.CallerNumbersMode.FULL);
        return "console/calltracking/overview";
    }

    @PostMapping("/console/calltracking/media")
    String createMedium(@RequestParam(required = false) String name, @RequestParam(required = false) String type, RedirectAttributes flash) {
        try {
            var m = tracking.createMedium(account(), name, type);
            flash.addFlashAttribute("notice", "Medium " + m.name() + " created.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/calltracking";
    }

    /** Sets the medium and the redirection of one tracked number; a target R-23 refuses is shown with the rule, nothing changes. */
    @PostMapping("/console/calltracking/numbers/{id}")
    String configure(@PathVariable UUID id, @RequestParam(required = false) String mediumId, @RequestParam(required = false) String redirectTo,
            RedirectAttributes flash) {
        UUID a = account();
        tracking.lines(a).stream().filter(l -> l.numberId().equals(id)).findFirst()
                .orElseThrow(() -> new org.fairsend.platform.NotFound("tracked number"));
        UUID medium = null;
        if (mediumId != null && !mediumId.isBlank()) {
            try {
                medium = UUID.fromString(mediumId.strip());
            } catch (IllegalArgumentException e) {
                flash.addFlashAttribute("errors", List.of(new RuleViolation.Violation("mediumId", "uuid", "choose one of your media")));
                return "redirect:/console/calltracking";
            }
        }
        String target = redirectTo == null || redirectTo.isBlank() ? null : redirectTo.strip();
        if (medium == null && target == null) {
            flash.addFlashAttribute("errors", List.of(new RuleViolation.Violation("redirectTo", "required", "choose a medium and/or give a number")));
            return "redirect:/console/calltracking";
        }
        try {
            var line = tracking.configure(a, id, medium, target);
            flash.addFlashAttribute("notice", "Number " + line.number() + " saved.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/calltracking";
    }

    @GetMapping("/console/calltracking/calls")
    String calls(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        UUID a = account();
        model.addAttribute("title", "Calls");
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("masked", tracking.callerNumbers(a) != CallTracking.CallerNumbersMode.FULL);
        model.addAttribute("calls", tracking.calls(a, from, to, 500));
        var report = tracking.report(a, from, to);
        model.addAttribute("report", report);
        return "console/calltracking/calls";
    }

    /**
     * The charts' data as Chart.js configurations: calls per medium (answered and missed) and per zone. Only
     * counts by medium and by zone (from the stored prefix, R-25): no caller is in it.
     */
    @GetMapping(value = "/console/calltracking/charts.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    String charts(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        var r = tracking.report(account(), from, to);
        List<String> media = new ArrayList<>();
        List<Long> answered = new ArrayList<>();
        List<Long> missed = new ArrayList<>();
        for (var m : r.media()) {
            media.add(m.name());
            answered.add(m.answered());
            missed.add(m.missed());
        }
        Map<String, Long> zones = new LinkedHashMap<>();
        for (String z : new TreeSet<>(r.totals().byZone().keySet())) zones.put(z.equals("none") ? "not geographic" : "zone " + z, r.totals().byZone().get(z).calls());
        Map<String, Object> options = Map.of("animation", false, "responsive", false);
        return json.writeValueAsString(Map.of("from", r.from().toString(), "to", r.to().toString(),
                "byMedium", Map.of("type", "bar", "data", Map.of("labels", media, "datasets", List.of(
                        Map.of("label", "answered", "data", answered, "backgroundColor", "#05603a"),
                        Map.of("label", "missed", "data", missed, "backgroundColor", "#b42318"))), "options", options),
                "byZone", Map.of("type", "bar", "data", Map.of("labels", List.copyOf(zones.keySet()), "datasets", List.of(
                        Map.of("label", "calls", "data", List.copyOf(zones.values()), "backgroundColor", "#1f4e79"))), "options", options)));
    }
}
