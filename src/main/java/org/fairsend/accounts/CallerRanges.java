package org.fairsend.accounts;

import java.util.List;

/**
 * The national prefixes from which automated voice systems may present a caller number: policy, so the
 * policy module implements this port (it already depends on accounts).
 */
public interface CallerRanges {

    /** The ranges in force, e.g. {@code 0162}, {@code 09475}. */
    List<String> current();
}
