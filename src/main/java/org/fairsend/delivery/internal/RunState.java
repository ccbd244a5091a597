package org.fairsend.delivery.internal;

import org.fairsend.platform.Codes;

/**
 * A delivery run's state ({@code delivery_run.state}): {@code preparing} while its audience is materialised,
 * {@code active} while the gate lets its messages out, {@code paused} (paused or suspended), {@code stopped}
 * (cancelled), {@code done} once nothing is left to send.
 */
enum RunState {
    PREPARING, ACTIVE, PAUSED, STOPPED, DONE;

    /** Its lower-case code, on the wire and in the database. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return Codes.code(this);
    }

    /** The value of a stored or received code; a 400 on an unknown one. */
    public static RunState of(String code) {
        return Codes.of(RunState.class, code, "state");
    }
}
