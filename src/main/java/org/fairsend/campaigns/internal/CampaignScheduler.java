package org.fairsend.campaigns.internal;

import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.delivery.DeliveryRunFinished;
import org.fairsend.platform.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Starts scheduled campaigns when their time comes, and finishes campaigns whose delivery is done. */
@Component
class CampaignScheduler {

    private static final Logger log = LoggerFactory.getLogger(CampaignScheduler.class);

    private final CampaignService campaigns;
    private final boolean enabled;

    /** {@code enabled}: false in CLI mode ({@code fairsend.mode=cli}), where no scheduler runs. */
    CampaignScheduler(CampaignService campaigns, @Value("#{'${fairsend.mode:serve}' != 'cli'}") boolean enabled) {
        this.campaigns = campaigns;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${fairsend.campaigns.schedule-poll:5s}")
    void startDue() {
        if (!enabled) return;
        for (Campaign c : campaigns.due()) {
            try {
                campaigns.start(c.accountId(), c.id(), "scheduler");
            } catch (RuleViolation e) {
                log.info("scheduled campaign {} cannot start: {}", c.id(), e.getMessage());
                campaigns.unschedule(c, "could not start at its scheduled time: " + e.getMessage());
            }
        }
    }

    @ApplicationModuleListener
    void on(DeliveryRunFinished e) {
        campaigns.finished(e.campaignId());
    }
}
