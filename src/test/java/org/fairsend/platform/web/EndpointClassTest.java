package org.fairsend.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which cap and limit a request meets, and which address a limit counts. */
class EndpointClassTest {

    @Test
    void pathsAreClassifiedBeforeAnythingReadsTheBody() {
        assertThat(EndpointClass.of("POST", "/webhooks/ses/abc.def.ghi")).isEqualTo(EndpointClass.WEBHOOK);
        assertThat(EndpointClass.of("POST", "/webhooks/voice")).isEqualTo(EndpointClass.WEBHOOK);
        assertThat(EndpointClass.of("GET", "/f/0195")).isEqualTo(EndpointClass.HOSTED_FORM);
        assertThat(EndpointClass.of("POST", "/confirm/t")).isEqualTo(EndpointClass.CONFIRMATION);
        assertThat(EndpointClass.of("POST", "/u/t/preferences")).isEqualTo(EndpointClass.UNSUBSCRIBE);
        assertThat(EndpointClass.of("GET", "/o/t")).isEqualTo(EndpointClass.TRACKING);
        assertThat(EndpointClass.of("HEAD", "/c/t")).isEqualTo(EndpointClass.TRACKING);
        assertThat(EndpointClass.of("POST", "/t/t/form")).isEqualTo(EndpointClass.CALL_TRACKING_FORM);
        assertThat(EndpointClass.of("GET", "/voice/audio/t")).isEqualTo(EndpointClass.VOICE_AUDIO);
        assertThat(EndpointClass.of("POST", "/console/login")).isEqualTo(EndpointClass.SIGN_IN);
        assertThat(EndpointClass.of("GET", "/console/login")).isEqualTo(EndpointClass.API);
        assertThat(EndpointClass.of("POST", "/api/imports")).isEqualTo(EndpointClass.UPLOAD);
        assertThat(EndpointClass.of("POST", "/console/voice/recordings")).isEqualTo(EndpointClass.UPLOAD);
        assertThat(EndpointClass.of("GET", "/api/imports/0195")).isEqualTo(EndpointClass.API);
        assertThat(EndpointClass.of("GET", "/actuator/prometheus")).isEqualTo(EndpointClass.API);
        assertThat(EndpointClass.of("GET", "/")).isEqualTo(EndpointClass.API);
    }

    @Test
    void anIpv6AddressCountsByItsSlash64() {
        assertThat(RateLimitFilter.source("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo(RateLimitFilter.source("2001:db8:1:2::1"));
        assertThat(RateLimitFilter.source("2001:db8:1:3::1")).isNotEqualTo(RateLimitFilter.source("2001:db8:1:2::1"));
        assertThat(RateLimitFilter.source("203.0.113.7")).isEqualTo("203.0.113.7");
    }
}
