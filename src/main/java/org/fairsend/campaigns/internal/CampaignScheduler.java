package org.fairsend.campaigns.internal;

import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.delivery.DeliveryRunFinished;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.cluster.JobLocks;
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

    /**
     * Runs on one node at a time (issue 18, lock {@value JobLocks#CAMPAIGN_SCHEDULER}); even without the lock a campaign
     * starts once ({@code CampaignStore.started} moves only a campaign still scheduled) and a campaign another node
     * started is never set back to draft.
     */
    @Scheduled(fixedDelayString = "${fairsend.campaigns.schedule-poll:5s}")
    @SchedulerLock(name = JobLocks.CAMPAIGN_SCHEDULER, lockAtMostFor = "PT2M", lockAtLeastFor = "PT1S")
    void startDue() {
        if (!enabled) return;
        for (Campaign c : campaigns.due()) {
            try {
                campaigns.start(c.accountId(), c.id(), "scheduler");
            } catch (RuleViolation e) {
                log.info("scheduled campaign {} cannot start: {}", c.id(), e.getMessage());
                campaigns.unschedule(c, "could not start at its scheduled time: " + e.getMessage());
            } catch (RuntimeException e) {
                log.warn("scheduled campaign {} not started (next poll retries): {}", c.id(), e.toString());
            }
        }
    }

    @ApplicationModuleListener
    void on(DeliveryRunFinished e) {
        campaigns.finished(e.campaignId());
    }
}
