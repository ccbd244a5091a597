package org.fairsend.content;

import java.util.List;

/** The content rules applied to a message before anything leaves. */
public interface ContentReview {

    /** Every finding about an email's subject, body, links and headers. */
    List<Finding> reviewEmail(EmailContent content);

    /**
     * Every finding about an SMS: its sender, prohibited themes, marketing content in a
     * transactional SMS, its length.
     */
    List<Finding> reviewSms(SmsContent content);
}
