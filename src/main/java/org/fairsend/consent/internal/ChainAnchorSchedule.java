package org.fairsend.consent.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fairsend.platform.cluster.JobLocks;
import org.fairsend.policy.PolicyTime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Anchors the consent chain ({@link ChainAnchor}) on {@code fairsend.consent.anchor-cron}, read in the policy's time
 * zone ({@link PolicyTime#cron}), only in {@code serve} mode, on one node of the cluster (issue 18, lock
 * {@value JobLocks#CONSENT_ANCHOR}): one checkpoint and one digest mail per run, not one per node. The checkpoint file is
 * written on the disk of the node that ran it: give every node the same {@code fairsend.consent.anchor-dir} (a shared
 * volume) to keep them together.
 */
@Component
@ConditionalOnProperty(name = "fairsend.mode", havingValue = "serve", matchIfMissing = true)
class ChainAnchorSchedule implements SchedulingConfigurer {

    private final ChainAnchor anchor;
    private final PolicyTime time;
    private final AnchorProperties props;
    private final ObjectProvider<ChainAnchorSchedule> self;

    ChainAnchorSchedule(ChainAnchor anchor, PolicyTime time, AnchorProperties props, ObjectProvider<ChainAnchorSchedule> self) {
        this.anchor = anchor;
        this.self = self;
        this.time = time;
        this.props = props;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addTriggerTask(() -> self.getObject().run(), time.cron(props.anchorCron())); // through the proxy: the lock applies
    }

    /** Held at least 5 minutes: a node whose clock is a little behind does not anchor again. */
    @SchedulerLock(name = JobLocks.CONSENT_ANCHOR, lockAtMostFor = "PT30M", lockAtLeastFor = "PT5M")
    void run() {
        anchor.anchor();
    }
}
