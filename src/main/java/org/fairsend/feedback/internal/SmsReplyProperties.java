package org.fairsend.feedback.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * SMS replies (issue 13).
 *
 * @param contactInterval a CONTACT reply is answered at most once per number and account within this interval,
 *     so repeated CONTACT messages cannot make an account pay for a stream of answers (SMS pumping)
 */
@ConfigurationProperties("fairsend.feedback.sms-replies")
record SmsReplyProperties(Duration contactInterval) {

    SmsReplyProperties {
        if (contactInterval == null || contactInterval.isNegative()) contactInterval = Duration.ofHours(24);
    }
}
