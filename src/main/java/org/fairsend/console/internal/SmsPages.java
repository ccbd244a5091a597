package org.fairsend.console.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.content.Finding;
import org.fairsend.content.SmsSenders;
import org.fairsend.platform.Channel;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The SMS area of an account: its SMS campaigns and its personalised senders (TPOA) with their
 * approval status. A campaign's page is the campaign page of every channel ({@link CampaignPages} with the
 * {@link SmsEditor}).
 */
@Controller
class SmsPages implements ConsolePage {

    private final CampaignService campaigns;
    private final SmsSenders senders;

    SmsPages(CampaignService campaigns, SmsSenders senders) {
        this.campaigns = campaigns;
        this.senders = senders;
    }

    /** The SMS area in the navigation, and the link to an account's senders on the operator's page of it. */
    @Component
    static class Section implements ConsoleSection {
        @Override
        public List<NavLink> links(ConsoleUser u) {
            return u.operator() ? List.of() : List.of(new NavLink("SMS", "/console/sms", 31));
        }

        @Override
        public List<HomePanel> operatorAccountPanels(ConsoleUser operator, UUID accountId) {
            return List.of(new HomePanel(ConsoleSection.Slot.ACTIVITY, "SMS senders (R-18, X-6)", "console/sms/parts :: operator-panel",
                    Map.of("accountId", accountId), 40));
        }
    }

    private static UUID account() {
        return ConsoleAdvice.me().account();
    }

    /** A sender named by the account and where it stands: approved (by whom, when) or what keeps it from use. */
    record SenderRow(String sender, SmsSenders.Status status, SmsSenders.Approved approval, List<Finding> findings, List<String> campaigns) {

        public boolean approved() {
            return status == SmsSenders.Status.APPROVED;
        }
    }

    static List<SenderRow> senderRows(SmsSenders senders, CampaignService campaigns, UUID accountId) {
        Map<String, List<String>> used = new LinkedHashMap<>();
        for (Campaign c : campaigns.list(accountId, 500)) {
            if (c.channel() == Channel.SMS && c.smsSender() != null) used.computeIfAbsent(c.smsSender(), k -> new ArrayList<>()).add(c.name());
        }
        List<SenderRow> rows = new ArrayList<>();
        for (SmsSenders.Approved a : senders.list(accountId)) {
            rows.add(new SenderRow(a.sender(), SmsSenders.Status.APPROVED, a, List.of(), used.getOrDefault(a.sender(), List.of())));
        }
        for (var e : used.entrySet()) {
            if (rows.stream().anyMatch(r -> r.sender().equalsIgnoreCase(e.getKey()))) continue;
            rows.add(new SenderRow(e.getKey(), SmsSenders.Status.NOT_APPROVED, null, senders.check(accountId, e.getKey(), true), e.getValue()));
        }
        return rows;
    }

    @GetMapping("/console/sms")
    String list(Model model) {
        UUID a = account();
        model.addAttribute("title", "SMS");
        model.addAttribute("campaigns", campaigns.list(a, 200).stream().filter(c -> c.channel() == Channel.SMS).toList());
        model.addAttribute("senders", senderRows(senders, campaigns, a));
        return "console/sms/list";
    }
}
