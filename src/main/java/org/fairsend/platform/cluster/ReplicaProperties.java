package org.fairsend.platform.cluster;

/**
 * A read replica for reports and exports (issue 18, {@code FAIRSEND_DB_REPLICA_URL}); unset, everything reads the
 * primary.
 *
 * @param url the replica's JDBC URL
 * @param username its user (default: the primary's)
 * @param password its password (default: the primary's)
 * @param pool the most connections to it this node keeps
 */
record ReplicaProperties(String url, String username, String password, Integer pool) {

    static final String PREFIX = "fairsend.db.replica";

    ReplicaProperties {
        if (url != null && url.isBlank()) url = null;
        if (pool == null || pool < 1) pool = 10;
    }

    boolean configured() {
        return url != null;
    }
}
