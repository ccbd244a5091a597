package org.fairsend.contacts.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.fairsend.consent.CollectionContext;
import org.fairsend.consent.ConsentBasis;
import org.fairsend.consent.ConsentEvidence;
import org.fairsend.consent.ConsentLedger;
import org.fairsend.consent.OptInType;
import org.fairsend.contacts.internal.ImportCandidate.Rejected;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.RuleViolation.Violation;
import org.fairsend.policy.PolicyTime;
import org.springframework.stereotype.Component;

/**
 * Checks one line of an import without the database: a valid address, the channels consented to
 * (given, or what the addresses allow: email, and SMS for a mobile; voice only when stated), a consent basis
 * (a line without one is a cold prospect and refused), and consent evidence the ledger accepts for each
 * channel. Dates without an offset are read in the policy's time zone. Other columns
 * become attributes.
 */
@Component
class ImportLineValidator {

    static final Set<String> KNOWN_COLUMNS = Set.of("email", "phone", "mobile", "first_name", "last_name", "channels",
            "consent_basis", "opt_in_type", "consent_context", "context_detail", "collected_at", "confirmed_at",
            "source_url", "ip", "user_agent", "declaration_text", "subject", "separate", "explicit",
            "relationship_nature", "informed_how", "opt_out_offered", "customer_since", "contract_active", "role",
            "relationship_since", "language");

    private static final Pattern OFFSET = Pattern.compile("[+-]\\d\\d:?\\d\\d$");

    private final ConsentLedger ledger;
    private final PolicyTime time;
    private final org.fairsend.platform.RecipientLanguages languages;

    ImportLineValidator(ConsentLedger ledger, PolicyTime time, org.fairsend.platform.RecipientLanguages languages) {
        this.languages = languages;
        this.ledger = ledger;
        this.time = time;
    }

    /** The line as a candidate, or {@link Rejected} naming the column and why. */
    ImportCandidate candidate(ImportStore.ImportView v, ImportSource.Line l) throws Rejected {
        if (l.error() != null) throw new Rejected("line", l.error());
        Map<String, String> c = l.columns();
        ImportCandidate k = new ImportCandidate();
        k.line = l.number();
        String rawEmail = c.get("email");
        String rawPhone = c.getOrDefault("phone", c.get("mobile"));
        if (rawEmail != null) {
            var r = Addresses.emailOrError(rawEmail);
            if (!r.ok()) throw new Rejected("email", r.error());
            k.email = r.value();
        }
        if (rawPhone != null) {
            k.phone = Addresses.phoneOrEmpty(rawPhone, ContactService.DEFAULT_REGION).orElseThrow(
                    () -> new Rejected("phone", "not a valid phone number (E.164, or a French number such as 06 12 34 56 78)"));
        }
        if (k.email == null && k.phone == null) throw new Rejected("email", "no email address and no phone number");
        k.firstName = limited(c, "first_name", 200);
        k.lastName = limited(c, "last_name", 200);
        try {
            k.language = languages.validate("language", c.get("language")); // issue 20: the language the person reads
        } catch (RuleViolation e) {
            throw new Rejected("language", e.getMessage());
        }

        // the channels consented to: given, or what the addresses allow (voice only when stated)
        k.channels = EnumSet.noneOf(Channel.class);
        String channels = c.get("channels");
        if (channels != null) {
            for (String part : channels.split("[,;|\\s]+")) {
                if (part.isBlank()) continue;
                Channel ch;
                try {
                    ch = Channel.valueOf(part.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new Rejected("channels", "unknown channel '" + ImportDeclarations.abbreviate(part) + "': use email, sms, voice");
                }
                if (k.address(ch) == null) {
                    throw new Rejected("channels", ch.code() + " consent without "
                            + (ch.addressKind() == Channel.AddressKind.EMAIL ? "an email address" : "a phone number"));
                }
                k.channels.add(ch);
            }
        } else {
            if (k.email != null) k.channels.add(Channel.EMAIL);
            if (k.phone != null && mobile(k.phone)) k.channels.add(Channel.SMS);
        }
        if (k.channels.contains(Channel.SMS) && k.phone != null && !mobile(k.phone)) {
            throw new Rejected("phone", "SMS consent needs a mobile number, this one is " + k.phone.type().toLowerCase(Locale.ROOT));
        }
        if (k.channels.isEmpty()) throw new Rejected("channels", "no channel to record consent for");

        String basis = c.get("consent_basis");
        if (basis == null) {
            throw new Rejected("consent_basis", "no consent evidence and no prior relationship: cold prospects are refused (R-13)");
        }
        try {
            String code = ImportSource.column(basis);
            // "soft_opt_in" is the usual name of the existing-customer exception
            k.basis = ConsentBasis.valueOf((code.equals("soft_opt_in") ? "existing_customer" : code).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Rejected("consent_basis", "consent_basis must be opt_in, existing_customer (soft_opt_in) or b2b");
        }
        OptInType optIn = null;
        if (c.get("opt_in_type") != null) {
            try {
                optIn = OptInType.valueOf(c.get("opt_in_type").strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new Rejected("opt_in_type", "opt_in_type must be single, confirmed or double");
            }
        }
        CollectionContext context = switch (k.basis) {
            case OPT_IN -> CollectionContext.NEWSLETTER;
            case EXISTING_CUSTOMER -> CollectionContext.PRIOR_RELATIONSHIP;
            case B2B -> CollectionContext.OTHER;
        };
        if (c.get("consent_context") != null) {
            try {
                context = CollectionContext.valueOf(ImportSource.column(c.get("consent_context")).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new Rejected("consent_context", "consent_context must be draw, newsletter, prior_relationship or other");
            }
        }
        k.customerSince = date(c, "customer_since");
        k.collectedAt = instant(c, "collected_at");
        if (k.collectedAt == null && k.customerSince != null) k.collectedAt = time.startOf(k.customerSince);
        k.confirmedAt = instant(c, "confirmed_at");
        k.confirmIp = c.get("ip");
        if (optIn == OptInType.DOUBLE && k.confirmedAt == null) {
            throw new Rejected("confirmed_at", "a double opt-in without its confirmation time is not consent (R-3)");
        }
        k.relationship = limited(c, "relationship_nature", 500);
        // the date of the purchase or contract an existing-customer basis rests on; the customer's start date
        // when the file gives only that
        LocalDate relationshipSince = date(c, "relationship_since");
        if (relationshipSince == null && k.basis == ConsentBasis.EXISTING_CUSTOMER) relationshipSince = k.customerSince;
        if (c.get("contract_active") != null) k.contractActive = bool(c, "contract_active");
        for (Channel ch : k.channels) {
            ConsentEvidence e = new ConsentEvidence(ch, k.address(ch), k.basis, optIn, context, c.get("context_detail"),
                    k.collectedAt, c.get("source_url"), c.get("ip"), c.get("user_agent"), c.get("declaration_text"),
                    c.get("subject"), bool(c, "separate"), bool(c, "explicit"), null, c.get("relationship_nature"),
                    c.get("informed_how"), bool(c, "opt_out_offered"), "import:" + v.id(), c.get("role"), relationshipSince,
                    null);
            List<Violation> problems = ledger.validate(e);
            if (!problems.isEmpty()) {
                Violation p = problems.getFirst();
                String field = ImportSource.column(p.field());
                throw new Rejected(field, field + ": " + p.message() + " (" + p.rule() + ")");
            }
            k.evidence.put(ch, e);
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        c.forEach((key, value) -> {
            if (key.startsWith("attr.")) attrs.put(key.substring(5), value);
            else if (!KNOWN_COLUMNS.contains(key)) attrs.put(key, value);
        });
        int size = 0;
        for (var a : attrs.entrySet()) size += a.getKey().length() + a.getValue().length() + 6;
        if (size > Attributes.MAX_CHARS) throw new Rejected("attributes", "the extra columns exceed " + Attributes.MAX_CHARS + " characters");
        k.attributes = attrs;
        return k;
    }

    /** Whether a number can receive SMS (a landline cannot). */
    private static boolean mobile(Addresses.Phone phone) {
        return phone.type().equals("MOBILE") || phone.type().equals("FIXED_LINE_OR_MOBILE");
    }

    private static String limited(Map<String, String> c, String col, int max) throws Rejected {
        String s = c.get(col);
        if (s != null && s.length() > max) throw new Rejected(col, col + " is longer than " + max + " characters");
        return s;
    }

    private static Boolean bool(Map<String, String> c, String col) throws Rejected {
        String s = c.get(col);
        if (s == null) return null;
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "oui", "x" -> Boolean.TRUE;
            case "false", "no", "n", "0", "non" -> Boolean.FALSE;
            default -> throw new Rejected(col, col + " must be true or false");
        };
    }

    private LocalDate date(Map<String, String> c, String col) throws Rejected {
        String s = c.get(col);
        if (s == null) return null;
        try {
            return s.length() > 10 ? time.dayOf(instantOf(s)) : LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new Rejected(col, col + " is not a date (use 2024-03-31)");
        }
    }

    private Instant instant(Map<String, String> c, String col) throws Rejected {
        String s = c.get(col);
        if (s == null) return null;
        try {
            return instantOf(s.strip());
        } catch (DateTimeParseException e) {
            throw new Rejected(col, col + " is not a date and time (use ISO 8601: 2024-03-31T14:05:00Z)");
        }
    }

    /** A date or date-time as written in a file; without an offset it is read in the policy's time zone. */
    private Instant instantOf(String s) {
        if (s.length() == 10) return time.startOf(LocalDate.parse(s));
        if (s.endsWith("Z") || OFFSET.matcher(s).find()) return OffsetDateTime.parse(s).toInstant();
        return time.at(LocalDateTime.parse(s.replace(' ', 'T')));
    }
}
