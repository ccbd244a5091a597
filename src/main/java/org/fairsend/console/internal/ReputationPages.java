package org.fairsend.console.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.AccountService;
import org.fairsend.platform.Channel;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.cluster.ReadReplica;
import org.fairsend.policy.PolicyTime;
import org.fairsend.reputation.ReputationViews;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The reputation pages' data and actions: the indicator charts of the last 30 days as Chart.js
 * configurations in JSON (loaded by console.js: the CSP forbids inline script), the account's own under
 * {@code /console/reputation/}, any account's under {@code /console/operator/accounts/{id}/reputation/}; the
 * penalty lines as CSV; the operator's reversal of a step and suspension or reinstatement of a channel, each with
 * a reason, audited by the reputation module (and in the console's operator actions).
 */
@Controller
class ReputationPages implements ConsolePage {

    static final int DAYS = 30;

    /** A line needs two days with data; with fewer the console says so instead of drawing (issue 20). */
    static final int MIN_DAYS = 2;

    static String tooLittleData(int daysWithData) {
        if (daysWithData >= MIN_DAYS) return null;
        return "Too little data for a chart yet: " + (daysWithData == 0 ? "no day" : "one day") + " with messages in the last " + DAYS
                + " days. The chart appears from the second day; today's figures are in the table below.";
    }

    private final ReputationViews reputation;
    private final AccountService accounts;
    private final OperatorActionStore actions;
    private final PolicyTime time;

    private final ReadReplica replica;

    ReputationPages(ReputationViews reputation, AccountService accounts, OperatorActionStore actions, PolicyTime time, ReadReplica replica) {
        this.replica = replica;
        this.reputation = reputation;
        this.accounts = accounts;
        this.actions = actions;
        this.time = time;
    }

    /**
     * A Chart.js line chart of one indicator (the JSON console.js reads): its type, data, options, and Fairsend's own
     * summary (the indicator, its label, the threshold and whether it is a rate).
     */
    record LineChart(String type, Data data, Options options, Summary fairsend) {
        record Data(List<String> labels, List<Dataset> datasets) {}

        /** A line: a channel's values (null: no sample that day) or the dashed threshold. */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        record Dataset(String label, List<Double> data, String borderColor, Boolean spanGaps, List<Integer> borderDash, int pointRadius) {}

        record Options(boolean animation, boolean responsive, boolean maintainAspectRatio, Plugins plugins, Scales scales) {}

        record Plugins(Title title) {}

        record Title(boolean display, String text) {}

        record Scales(Axis y) {}

        record Axis(boolean beginAtZero, double suggestedMax) {}

        /**
         * {@code daysWithData}: the days of the period with a sample; {@code tooLittleData}: with fewer than
         * {@code ReputationPages.MIN_DAYS}, the sentence console.js shows instead of the chart (issue 20), else null.
         */
        record Summary(String indicator, String label, double threshold, boolean rate, int daysWithData, String tooLittleData) {}
    }

    // ----- the account's own

    @GetMapping(value = "/console/reputation/charts/{indicator}.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    LineChart chart(@PathVariable String indicator) {
        var account = ConsoleAdvice.me().account();
        return replica.read(() -> chart(account, indicator)); // issue 18: charts and exports may read the replica
    }

    @GetMapping(value = "/console/reputation/penalties.csv", produces = "text/csv")
    ResponseEntity<String> penalties() {
        var account = ConsoleAdvice.me().account();
        return csv(replica.read(() -> reputation.ledgerCsv(account)));
    }

    // ----- the operator's

    @GetMapping(value = "/console/operator/accounts/{id}/reputation/charts/{indicator}.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    LineChart operatorChart(@PathVariable UUID id, @PathVariable String indicator) {
        return replica.read(() -> {
            accounts.get(id);
            return chart(id, indicator);
        });
    }

    @GetMapping(value = "/console/operator/accounts/{id}/reputation/penalties.csv", produces = "text/csv")
    ResponseEntity<String> operatorPenalties(@PathVariable UUID id) {
        return csv(replica.read(() -> reputation.ledgerCsv(id)));
    }

    /** the operator reverses a step of the ladder (penalties credited, a channel or account sanction lifted). */
    @PostMapping("/console/operator/accounts/{id}/reputation/incidents/{incident}/reverse")
    String reverse(@PathVariable UUID id, @PathVariable long incident, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        accounts.get(id);
        try {
            var i = reputation.reverse(id, incident, ConsoleAdvice.me().actor(), reason == null ? null : reason.strip());
            actions.record(id, OperatorActionStore.Kind.SANCTION_REVERSED, "incident " + i.id() + " (rung " + i.rung() + ")", reason.strip(), ConsoleAdvice.me().actor());
            flash.addFlashAttribute("notice", "Incident " + i.id() + " reversed: its penalties are credited and it no longer counts.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/operator/accounts/" + id + "#sanctions";
    }

    @PostMapping("/console/operator/accounts/{id}/reputation/channels/{channel}/suspend")
    String suspend(@PathVariable UUID id, @PathVariable String channel, @RequestParam(required = false) String until,
            @RequestParam(required = false) String reason, RedirectAttributes flash) {
        accounts.get(id);
        Channel ch = ReputationSection.channel(channel).orElseThrow(() -> new NotFound("channel"));
        try {
            Instant end = until(until);
            reputation.suspendChannel(id, ch, end, ConsoleAdvice.me().actor(), reason);
            actions.record(id, OperatorActionStore.Kind.CHANNEL_SUSPENDED, ch.code() + " until " + end, reason.strip(), ConsoleAdvice.me().actor());
            flash.addFlashAttribute("notice", "The " + ch.code() + " channel is suspended until " + end + ".");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/operator/accounts/" + id + "#reputation";
    }

    @PostMapping("/console/operator/accounts/{id}/reputation/channels/{channel}/reinstate")
    String reinstate(@PathVariable UUID id, @PathVariable String channel, @RequestParam(required = false) String reason,
            RedirectAttributes flash) {
        accounts.get(id);
        Channel ch = ReputationSection.channel(channel).orElseThrow(() -> new NotFound("channel"));
        try {
            reputation.reinstateChannel(id, ch, ConsoleAdvice.me().actor(), reason == null ? null : reason.strip());
            actions.record(id, OperatorActionStore.Kind.CHANNEL_REINSTATED, ch.code(), reason.strip(), ConsoleAdvice.me().actor());
            flash.addFlashAttribute("notice", "The " + ch.code() + " channel may send again.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/operator/accounts/" + id + "#reputation";
    }

    /** R-14 account level: the operator resumes the account's marketing on a channel, with a reason. */
    @PostMapping("/console/operator/accounts/{id}/reputation/channels/{channel}/marketing/resume")
    String resumeMarketing(@PathVariable UUID id, @PathVariable String channel, @RequestParam(required = false) String reason,
            RedirectAttributes flash) {
        accounts.get(id);
        Channel ch = ReputationSection.channel(channel).orElseThrow(() -> new NotFound("channel"));
        try {
            reputation.resumeMarketing(id, ch, ConsoleAdvice.me().actor(), reason == null ? null : reason.strip());
            flash.addFlashAttribute("notice", "The account's " + ch.code() + " marketing resumes.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/operator/accounts/" + id + "#reputation";
    }

    /** The end of a suspension: a date (the end of that day in the policy's time zone); missing, the policy's usual 3 months are not assumed. */
    private Instant until(String v) {
        if (v == null || v.isBlank()) throw new RuleViolation("until", "R-15", "say until which day the channel is suspended");
        try {
            return time.startOf(LocalDate.parse(v.strip()).plusDays(1));
        } catch (DateTimeParseException e) {
            throw new RuleViolation("until", "date", "a date such as 2027-03-01");
        }
    }

    /**
     * One indicator over the last 30 days of the policy's calendar: a line per channel that has a sample (email always), the
     * threshold as a dashed line; rates in percent. Days without a sample are gaps.
     */
    LineChart chart(UUID accountId, String indicator) {
        if (!ReputationSection.CHARTED.contains(indicator)) throw new NotFound("indicator");
        LocalDate to = time.today();
        LocalDate from = to.minusDays(DAYS - 1);
        List<String> labels = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) labels.add(d.toString());
        Map<Channel, Double[]> values = new LinkedHashMap<>();
        values.put(Channel.EMAIL, new Double[DAYS]);
        double threshold = Double.NaN;
        boolean rate = true;
        String label = indicator;
        for (var day : reputation.days(accountId, from, to)) {
            for (var r : day.indicators()) {
                if (!r.indicator().code().equals(indicator)) continue;
                label = r.label();
                rate = r.rate();
                threshold = r.threshold();
                if (r.sample() == 0 && r.numerator() == 0) continue;
                int at = (int) (day.day().toEpochDay() - from.toEpochDay());
                values.computeIfAbsent(day.channel(), c -> new Double[DAYS])[at] = rate ? r.value() * 100 : r.value();
            }
        }
        if (Double.isNaN(threshold)) { // no day yet: the threshold of today's status
            for (var c : reputation.status(accountId).channels()) {
                for (var r : c.today()) {
                    if (r.indicator().code().equals(indicator)) {
                        threshold = r.threshold();
                        rate = r.rate();
                        label = r.label();
                    }
                }
            }
        }
        double t = rate ? threshold * 100 : threshold;
        List<LineChart.Dataset> datasets = new ArrayList<>();
        String[] colours = {"#1f4e9c", "#7a3e9d", "#0b7285"};
        int n = 0;
        for (var e : values.entrySet()) {
            datasets.add(new LineChart.Dataset(e.getKey().code(), java.util.Arrays.asList(e.getValue()), colours[n++ % 3], false, null, 3));
        }
        List<Double> line = new ArrayList<>();
        for (int i = 0; i < DAYS; i++) line.add(t);
        datasets.add(new LineChart.Dataset("threshold", line, "#b42318", null, List.of(6, 4), 0));
        int daysWithData = 0;
        for (int i = 0; i < DAYS; i++) {
            for (Double[] v : values.values()) {
                if (v[i] != null) {
                    daysWithData++;
                    break;
                }
            }
        }
        return new LineChart("line", new LineChart.Data(labels, datasets),
                new LineChart.Options(false, true, false, new LineChart.Plugins(new LineChart.Title(true, label + (rate ? " (%)" : ""))),
                        new LineChart.Scales(new LineChart.Axis(true, t * 1.25))),
                new LineChart.Summary(indicator, label, t, rate, daysWithData, tooLittleData(daysWithData)));
    }

    private static ResponseEntity<String> csv(String body) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"fairsend-penalties.csv\"").body(body);
    }
}
