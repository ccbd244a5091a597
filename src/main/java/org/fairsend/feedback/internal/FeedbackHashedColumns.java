package org.fairsend.feedback.internal;

import org.fairsend.platform.HashedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The feedback module's keyed address hashes, re-keyed once on an install made before they were keyed. */
@Configuration(proxyBeanMethods = false)
class FeedbackHashedColumns {

    @Bean
    HashedColumn bounceRecipientHash() {
        return new HashedColumn("bounce", "recipient_hash");
    }

    @Bean
    HashedColumn complaintRecipientHash() {
        return new HashedColumn("complaint", "recipient_hash");
    }

    @Bean
    HashedColumn engagementRecipientHash() {
        return new HashedColumn("engagement", "recipient_hash");
    }

    @Bean
    HashedColumn unsubscribeRecipientHash() {
        return new HashedColumn("unsubscribe", "recipient_hash");
    }

    @Bean
    HashedColumn smsReplyFromHash() {
        return new HashedColumn("sms_reply", "from_hash");
    }

    @Bean
    HashedColumn spamtrapAddressHash() {
        return new HashedColumn("spamtrap", "address_hash");
    }

    @Bean
    HashedColumn spamtrapHitAddressHash() {
        return new HashedColumn("spamtrap_hit", "address_hash");
    }
}
