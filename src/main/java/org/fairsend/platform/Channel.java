package org.fairsend.platform;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The channels Fairsend sends on, each with the kind of address it reaches. Code that needs "which channels can
 * this address receive" asks {@link #reaching(AddressKind)} instead of guessing from the address's text.
 */
public enum Channel {
    EMAIL(AddressKind.EMAIL), SMS(AddressKind.PHONE), VOICE(AddressKind.PHONE);

    /** The kind of address a channel reaches: a mailbox or a telephone number (E.164). */
    public enum AddressKind {
        EMAIL, PHONE;

        /** The kind of an address already normalised by {@code Addresses} (an e-mail address holds an '@'). */
        public static AddressKind ofNormalized(String address) {
            return address != null && address.indexOf('@') >= 0 ? EMAIL : PHONE;
        }
    }

    private final AddressKind addressKind;

    Channel(AddressKind addressKind) {
        this.addressKind = addressKind;
    }

    public AddressKind addressKind() {
        return addressKind;
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
            throw new RuleViolation(400, "channel", "channel", "channel must be one of email, sms, voice");
        }
    }
}
