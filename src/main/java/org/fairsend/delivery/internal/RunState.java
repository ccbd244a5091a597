package org.fairsend.delivery.internal;

import java.util.Locale;

/**
 * A delivery run's state ({@code delivery_run.state}): {@code preparing} while its audience is materialised,
 * {@code active} while the gate lets its messages out, {@code paused} (paused or suspended), {@code stopped}
 * (cancelled), {@code done} once nothing is left to send. Stored as its lower-case code.
 */
enum RunState {
    PREPARING, ACTIVE, PAUSED, STOPPED, DONE;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RunState of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
