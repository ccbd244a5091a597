package org.fairsend.console.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * A person signed in to the console: an operator (no account) or a user of one account (role {@code admin},
 * who may also manage the account's console users, or {@code member}). This is the session's principal; its
 * {@code sessionVersion} is the one the session signed in with (a disabled user or a changed password raises the
 * stored one, which ends the older sessions at their next request).
 */
record ConsoleUser(UUID id, UUID accountId, String email, String displayName, Role role, Instant createdAt,
        String createdBy, Instant disabledAt, Instant lastSignInAt, int sessionVersion) implements java.io.Serializable {

    enum Role {
        OPERATOR, ADMIN, MEMBER;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Role of(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public boolean operator() {
        return role == Role.OPERATOR;
    }

    public boolean admin() {
        return role == Role.ADMIN;
    }

    /** The account every account page works on; an operator has none (operator pages name it in the path). */
    UUID account() {
        if (accountId == null) throw new org.fairsend.platform.NotFound("account");
        return accountId;
    }

    /** The name recorded in audit trails (campaign transitions, policy versions). */
    String actor() {
        return "console:" + email;
    }
}
