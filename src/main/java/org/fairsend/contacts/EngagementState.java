package org.fairsend.contacts;

import org.fairsend.platform.Codes;

/**
 * A contact's engagement on a channel, over the policy's hygiene window ({@code hygiene.inactiveMonths}):
 * <ul>
 * <li>{@code ENGAGED}: a person opened or clicked within the window;</li>
 * <li>{@code UNKNOWN}: nothing tells: only machine opens (Apple Mail Privacy Protection prefetches, a security
 * gateway fetching images), or too few messages that could show an open reached the address (tracking off, text-only,
 * never sent to; fewer than {@code hygiene.minTrackedDeliveries}), or the contact joined within the window. Never
 * excluded by inactivity alone;</li>
 * <li>{@code INACTIVE}: no person's open nor click and no machine's open within the window although at least
 * {@code hygiene.minTrackedDeliveries} tracked messages reached it, and it joined before the window.</li>
 * </ul>
 * Computed in SQL by the audience ({@code delivery.internal.AudienceSql.ENGAGEMENT}) and the hygiene report
 * ({@code contacts.internal.JdbcContactHygiene}) with the same test.
 */
public enum EngagementState {
    ENGAGED, UNKNOWN, INACTIVE;

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return Codes.code(this);
    }

    public static EngagementState of(String code) {
        return Codes.of(EngagementState.class, code, "engagement");
    }
}
