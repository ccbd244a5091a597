package org.fairsend.feedback;

import org.fairsend.platform.Codes;

/**
 * Who an open or a click came from: a person, or a machine (a privacy proxy that prefetches images, a
 * security scanner that follows every link, a HEAD request...). Stored with the event (engagement.classification);
 * only a person's counts as engagement, a machine's makes the contact's engagement unknown (never inactive).
 */
public enum EngagementClass {
    HUMAN, MACHINE;

    /** Its lower-case code, on the wire and in the database. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return Codes.code(this);
    }

    public static EngagementClass of(String code) {
        return Codes.of(EngagementClass.class, code, "classification");
    }
}
