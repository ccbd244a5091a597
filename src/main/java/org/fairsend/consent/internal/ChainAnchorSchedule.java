package org.fairsend.consent.internal;

import org.fairsend.policy.PolicyTime;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Anchors the consent chain ({@link ChainAnchor}) on {@code fairsend.consent.anchor-cron}, read in the policy's time
 * zone ({@link PolicyTime#cron}), only in {@code serve} mode.
 */
@Component
@ConditionalOnProperty(name = "fairsend.mode", havingValue = "serve", matchIfMissing = true)
class ChainAnchorSchedule implements SchedulingConfigurer {

    private final ChainAnchor anchor;
    private final PolicyTime time;
    private final AnchorProperties props;

    ChainAnchorSchedule(ChainAnchor anchor, PolicyTime time, AnchorProperties props) {
        this.anchor = anchor;
        this.time = time;
        this.props = props;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addTriggerTask(this::run, time.cron(props.anchorCron()));
    }

    void run() {
        anchor.anchor();
    }
}
