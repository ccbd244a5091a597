package org.fairsend.contacts.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fairsend.consent.ConsentBasis;
import org.fairsend.consent.ConsentEvidence;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;

/**
 * One line of an import that passed the checks needing no database ({@link ImportLineValidator}): its
 * normalised addresses, the channels consented to with their evidence, and the contact fields it brings.
 * {@link ImportMerge} then applies it against what the database holds.
 */
final class ImportCandidate {
    long line;
    String email;
    Addresses.Phone phone;
    String firstName;
    String lastName;
    String language;
    Map<String, String> attributes;
    EnumSet<Channel> channels;
    ConsentBasis basis;
    final Map<Channel, ConsentEvidence> evidence = new LinkedHashMap<>();
    LocalDate customerSince;
    String relationship;
    Boolean contractActive;
    Instant collectedAt;
    Instant confirmedAt;
    String confirmIp;

    /** The line's address on a channel (its email, or its number in E.164), by the channel's address kind. */
    String address(Channel ch) {
        return switch (ch.addressKind()) {
            case EMAIL -> email;
            case PHONE -> phone == null ? null : phone.e164();
        };
    }

    /** A line refused, with the column to blame; cheap (no stack trace), one per bad line. */
    static final class Rejected extends Exception {
        final String field;

        Rejected(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }
    }
}
