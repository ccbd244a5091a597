package org.fairsend.feedback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The SNS rules that need no network: which URLs may be fetched by default, and the canonical string. */
class SnsVerifierTest {

    private final SnsVerifier verifier = new SnsVerifier(new FeedbackProperties(null, null, null, null, null, null),
            Clock.systemUTC());

    @Test
    void byDefaultOnlyAwsSnsHostsOverHttpsAreFetched() {
        assertThat(verifier.allowed("https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-6aad65c2f9911b05cd53efda11f913f9.pem")).isTrue();
        assertThat(verifier.allowed("https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-x.pem")).isTrue();
        assertThat(verifier.allowed("http://sns.eu-west-1.amazonaws.com/SimpleNotificationService-x.pem")).isFalse();
        assertThat(verifier.allowed("https://sns.eu-west-1.amazonaws.com.attacker.test/x.pem")).isFalse();
        assertThat(verifier.allowed("https://attacker.test/sns.eu-west-1.amazonaws.com/x.pem")).isFalse();
        assertThat(verifier.allowed("https://evil@sns.eu-west-1.amazonaws.com/x.pem")).isFalse();
        assertThat(verifier.allowed("https://s3.amazonaws.com/x.pem")).isFalse();
        assertThat(verifier.allowed("not a url")).isFalse();
    }

    @Test
    void canonicalStringFollowsTheSnsDocumentation() throws Exception {
        var json = JsonMapper.builder().build();
        var n = json.readTree("""
                {"Type":"Notification","MessageId":"m1","TopicArn":"arn:t","Message":"hello\\nworld","Timestamp":"2026-12-02T03:00:00Z",
                 "SignatureVersion":"2","Signature":"x","SigningCertURL":"https://sns.eu-west-1.amazonaws.com/c.pem","UnsubscribeURL":"u"}""");
        assertThat(SnsVerifier.canonical(n, "Notification"))
                .isEqualTo("Message\nhello\nworld\nMessageId\nm1\nTimestamp\n2026-12-02T03:00:00Z\nTopicArn\narn:t\nType\nNotification\n");
        var c = json.readTree("""
                {"Type":"SubscriptionConfirmation","MessageId":"m2","Token":"tok","TopicArn":"arn:t","Message":"m",
                 "SubscribeURL":"https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription","Timestamp":"t"}""");
        assertThat(SnsVerifier.canonical(c, "SubscriptionConfirmation")).isEqualTo("Message\nm\nMessageId\nm2\nSubscribeURL\n"
                + "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription\nTimestamp\nt\nToken\ntok\nTopicArn\narn:t\nType\n"
                + "SubscriptionConfirmation\n");
        assertThatThrownBy(() -> SnsVerifier.canonical(json.readTree("{\"Type\":\"Notification\"}"), "Notification"))
                .isInstanceOf(SnsVerifier.Refused.class);
    }
}
