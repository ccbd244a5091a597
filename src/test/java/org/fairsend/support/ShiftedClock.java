package org.fairsend.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that runs at real speed from a moment a test chooses (a Sunday morning, a Monday 07:59:58). */
public final class ShiftedClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    public void setNow(Instant now) {
        offset = Duration.between(Instant.now(), now);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** Makes a ShiftedClock the application's clock: {@code @Import(ShiftedClock.AsPrimary.class)} on the test class. */
    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    public static class AsPrimary {
        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        ShiftedClock shiftedClock() {
            return new ShiftedClock();
        }
    }
}
