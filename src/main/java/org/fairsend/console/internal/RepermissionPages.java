package org.fairsend.console.internal;

import java.util.ArrayList;
import java.util.UUID;
import org.fairsend.campaigns.Repermissions;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * the campaign page's "ask the inactive contacts" button: creates the re-permission draft
 * ({@link Repermissions}) and opens it; the account reviews it and starts it like any campaign.
 */
@Controller
class RepermissionPages implements ConsolePage {

    private final Repermissions repermissions;

    RepermissionPages(Repermissions repermissions) {
        this.repermissions = repermissions;
    }

    @PostMapping("/console/campaigns/{id}/repermission")
    String create(@PathVariable UUID id, RedirectAttributes flash) {
        try {
            Repermissions.Created r = repermissions.create(ConsoleAdvice.me().account(), id);
            flash.addFlashAttribute("notice", "Re-permission campaign created for " + r.contacts()
                    + " inactive contacts: review it, then start it.");
            return "redirect:/console/campaigns/" + r.campaign().id();
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
            return "redirect:/console/campaigns/" + id;
        }
    }
}
