package org.fairsend.feedback.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A failure reply at send time or from a provider's webhook follows the same reason and hard/soft rules as a bounce. */
class ReplyClassificationTest {

    private final BounceClassifier classifier = new BounceClassifier();

    @Test
    void userOrHostUnknownIsHardEverythingElseSoft() {
        var unknown = classifier.classifyReply("a@b.example", 550, "550 5.1.1 <a@b.example>: Recipient address rejected: User unknown");
        assertThat(unknown.kind()).isEqualTo(Kind.HARD);
        assertThat(unknown.status()).isEqualTo("5.1.1");
        assertThat(unknown.reason()).isEqualTo("user_unknown");
        assertThat(classifier.classifyReply("a@b.example", null, "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found").kind())
                .isEqualTo(Kind.HARD);
        assertThat(classifier.classifyReply("a@b.example", null, "552 5.2.2 Mailbox full").kind()).isEqualTo(Kind.SOFT);
        assertThat(classifier.classifyReply("a@b.example", null, "554 5.7.1 Message rejected as spam").kind()).isEqualTo(Kind.SOFT);
    }

    @Test
    void anSesNotificationInItsSnsEnvelopeIsRead() {
        String sns = "{\"Type\":\"Notification\",\"Message\":\"{\\\"notificationType\\\":\\\"Complaint\\\",\\\"complaint\\\":{"
                + "\\\"complainedRecipients\\\":[{\\\"emailAddress\\\":\\\"c@d.example\\\"}],\\\"complaintFeedbackType\\\":\\\"abuse\\\"},"
                + "\\\"mail\\\":{\\\"messageId\\\":\\\"x\\\"}}\"}";
        var found = classifier.classifyNotification(sns);
        assertThat(found).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.COMPLAINT);
            assertThat(c.recipient()).isEqualTo("c@d.example");
            assertThat(c.feedbackType()).isEqualTo("abuse");
        });
    }
}
