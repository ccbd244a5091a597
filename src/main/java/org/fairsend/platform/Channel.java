package org.fairsend.platform;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The channels Fairsend sends on, each with the kind of address it reaches and its name for people. Code that needs
 * "which channels can this address receive" asks {@link #reaching(AddressKind)} instead of guessing from the
 * address's text. A new channel starts here (see "How to add a channel" in docs/ARCHITECTURE.md).
 */
public enum Channel {
    EMAIL(AddressKind.EMAIL, "Email"), SMS(AddressKind.PHONE, "Text messages (SMS)"), VOICE(AddressKind.PHONE, "Voice messages");

    /** The kind of address a channel reaches: a mailbox or a telephone number (E.164). */
    public enum AddressKind {
        EMAIL, PHONE;

        /** The kind of an address already normalised by {@code Addresses} (an e-mail address holds an '@'). */
        public static AddressKind ofNormalized(String address) {
            return address != null && address.indexOf('@') >= 0 ? EMAIL : PHONE;
        }
    }

    private final AddressKind addressKind;
    private final String label;

    Channel(AddressKind addressKind, String label) {
        this.addressKind = addressKind;
        this.label = label;
    }

    public AddressKind addressKind() {
        return addressKind;
    }

    /** The channel as a recipient reads it (the unsubscribe page's choices). */
    public String label() {
        return label;
    }

    /** The channels that reach addresses of this kind, in declaration order. */
    public static List<Channel> reaching(AddressKind kind) {
        return Arrays.stream(values()).filter(c -> c.addressKind == kind).toList();
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel of(String code) {
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new RuleViolation(400, "channel", "channel", "channel must be one of "
                    + String.join(", ", Arrays.stream(values()).map(Channel::code).toList()));
        }
    }
}
