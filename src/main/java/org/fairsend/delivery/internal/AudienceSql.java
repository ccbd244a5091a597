package org.fairsend.delivery.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.fairsend.delivery.AudienceSpec;
import org.fairsend.delivery.Segment;
import org.fairsend.platform.Channel;
import org.fairsend.platform.RuleViolation;
import org.fairsend.policy.Policy;
import org.fairsend.policy.VoicePolicy;

/**
 * The audience as one set-based statement over the read models of contacts and suppression
 * (V13): every targeted contact with its class. The classification is policy-driven (hygiene window,
 * frequency cap) and shared by the preflight count and the materialisation, so both always agree.
 */
final class AudienceSql {

    private static final Pattern ATTRIBUTE = Pattern.compile("^attributes\\.([A-Za-z0-9_-]{1,64})$");

    /** The hard suppressions that stop even transactional mail (an unsubscribe does not). */
    static final List<String> HARD_REASONS = List.of("hard_bounce", "complaint", "spamtrap", "erased",
            "repeated_soft_bounce", "manual", "retention");

    /**
     * The contact's subscription on the audience's channel ({@code :channel}): one row or none (state none, no
     * basis). Joined on the primary key of contact_subscription (contact_id, channel).
     */
    /** the consent bases restricted to some subjects (ConsentBasis.allowsAnySubject false). */
    static final List<String> RESTRICTED_BASES = java.util.Arrays.stream(org.fairsend.consent.ConsentBasis.values())
            .filter(b -> !b.allowsAnySubject()).map(org.fairsend.consent.ConsentBasis::code).toList();

    /**
     * the messages that could show a person's open (delivery_run.trackable: marketing HTML with the open pixel)
     * that left for each contact within the hygiene window; pre-aggregated, joined by hash like the other sets.
     */
    private static final String TRACKED_SET = "(select o.contact_id, count(*) as n from outbound_message o"
            + " join delivery_run r on r.campaign_id = o.campaign_id where o.account_id = :account and o.channel = :channel"
            + " and o.status = 'sent' and r.trackable = true and o.finished_at >= :inactiveSince group by o.contact_id)";

    /** the contact's engagement state on email (engaged, unknown, inactive), as {@code contacts.EngagementState} defines it. */
    static final String ENGAGEMENT = "(case when c.last_open_at >= :inactiveSince or c.last_click_at >= :inactiveSince then 'engaged'"
            + " when c.last_machine_open_at >= :inactiveSince then 'unknown'"
            + " when c.created_at < :inactiveSince and coalesce(trk.n, 0) >= :minTracked then 'inactive'"
            + " else 'unknown' end)";

    private static final String SUBSCRIPTION = " left join audience_subscription sub on sub.contact_id = c.id and sub.channel = :channel";

    private AudienceSql() {}

    /**
     * {@code select contact_id, address, cls, engaged, engagement from (...)}: named parameters are put in
     * {@code params}. {@code engagement} is the contact's engagement state on the channel (R-8,
     * {@code contacts.EngagementState}): {@code engaged} (a person opened or clicked within the hygiene window),
     * {@code inactive} (none, no machine open either, although at least the policy's tracked deliveries reached it
     * in the window, and it joined before the window), {@code unknown} otherwise (only machine opens, or too few
     * messages that could show an open: tracking off, text-only, never sent to); {@code not_tracked} on channels
     * without opens (SMS, voice). Only {@code inactive} is left out by a campaign's {@code excludeInactive}.
     */
    static String classified(AudienceSpec spec, Instant now, Policy.Hygiene hygiene, int frequencyCap, boolean postgres,
            Map<String, Object> params) {
        return classified(spec, now, hygiene, frequencyCap, VoicePolicy.defaults(), postgres, params);
    }

    static String classified(AudienceSpec spec, Instant now, Policy.Hygiene hygiene, int frequencyCap, VoicePolicy voice, boolean postgres,
            Map<String, Object> params) {
        if (spec.channel() == Channel.VOICE && spec.marketing()) return voice(spec, now, frequencyCap, voice, postgres, params);
        Channel ch = spec.channel();
        String address = ch.addressKind() == Channel.AddressKind.EMAIL ? "c.email" : "c.phone";
        // the contact's state on the channel: its row of audience_subscription (V80), none without one
        String status = "coalesce(sub.status, 'none')";
        String basis = "sub.basis";
        params.put("account", spec.accountId());
        params.put("channel", ch.code());
        params.put("inactiveSince", Timestamp.from(now.atZone(java.time.ZoneOffset.UTC).minusMonths(hygiene.inactiveMonths()).toInstant()));
        params.put("minTracked", hygiene.minTrackedDeliveries());
        params.put("capSince", Timestamp.from(now.minus(30, ChronoUnit.DAYS)));
        params.put("cap", frequencyCap);
        params.put("hardReasons", HARD_REASONS);
        if (spec.marketing()) params.put("restrictedBases", RESTRICTED_BASES);

        StringBuilder where = new StringBuilder("c.account_id = :account");
        if (spec.listIds() != null && !spec.listIds().isEmpty()) {
            params.put("lists", spec.listIds());
            where.append(" and c.id in (select m.contact_id from audience_list_member m where m.list_id in (:lists))");
        }
        if (spec.segment() != null && !spec.segment().isEmpty()) where.append(" and (").append(segment(spec.segment(), postgres, params)).append(")");

        // both look-ups are joins on pre-aggregated sets (hash joins), never a sub-query per contact:
        // the plan must stay linear for a million recipients
        String suppressedSet = "(select distinct s.address from audience_suppression s where s.channel = :channel"
                + " and (s.account_id = :account or s.account_id is null)"
                + (spec.marketing() ? "" : " and s.reason in (:hardReasons)") + ")";
        String sentSet = "(select o.recipient, count(*) as n from outbound_message o where o.account_id = :account"
                + " and o.channel = :channel and o.status = 'sent' and o.campaign_id is not null and o.finished_at >= :capSince"
                + " group by o.recipient)";
        String suppressed = "sup.address is not null";
        StringBuilder cls = new StringBuilder("case when ").append(address).append(" is null then 'no_address'");
        // an SMS reaches mobiles only: a landline is no address on this channel
        if (ch == Channel.SMS) cls.append(" when c.phone_type is not null and c.phone_type not in ('MOBILE', 'FIXED_LINE_OR_MOBILE') then 'not_mobile'");
        cls
                .append(" when ").append(suppressed).append(" then 'suppressed'");
        if (spec.marketing()) {
            cls.append(" when ").append(status).append(" in ('unsubscribed', 'bounced', 'complained') then ").append(status)
                    .append(" when ").append(status).append(" = 'unconfirmed' then 'unconfirmed'")
                    .append(" when ").append(status).append(" <> 'subscribed' or ").append(basis).append(" is null then")
                    .append(" (case when ").append(basis).append(" is null then 'cold_prospect' else 'no_consent' end)");
            // an existing-customer or B2B basis covers only the topics its record lists; a campaign reaches such a
            // recipient only when it declares one of them (exact key match, ',a,b,' like '%,key,%')
            cls.append(" when ").append(basis).append(" in (:restrictedBases) and ");
            if (!org.fairsend.consent.Topics.isKey(spec.topic())) {
                cls.append("1 = 1");
            } else {
                params.put("topicLike", "%," + spec.topic().strip().toLowerCase(Locale.ROOT) + ",%");
                cls.append("(sub.topics is null or (',' || sub.topics || ',') not like :topicLike)");
            }
            cls.append(" then 'subject_not_covered'");
            // R-8's activity is opens and clicks, which only email has; an unknown engagement is never excluded
            if (spec.excludeInactive() && ch == Channel.EMAIL) {
                cls.append(" when ").append(ENGAGEMENT).append(" = 'inactive' then 'inactive'");
            }
            // marketing messages already sent to this address on this channel in the last 30 days
            cls.append(" when coalesce(sent.n, 0) >= :cap then 'frequency_cap'");
        } else {
            cls.append(" when ").append(status).append(" in ('bounced', 'complained') then ").append(status);
        }
        cls.append(" else 'eligible' end");
        boolean email = ch == Channel.EMAIL;
        return "select c.id as contact_id, " + address + " as address, " + cls + " as cls,"
                // never engaged: no signal at all (a privacy proxy's prefetch at least shows a live mailbox, R-8), on a contact
                // the rule can judge (its engagement inactive): a new contact (joined within the window, or no tracked
                // message reached it yet, a just-confirmed subscriber) is not "never opened" (issue 20)
                + " case when c.last_open_at is null and c.last_click_at is null and c.last_machine_open_at is null"
                + (email ? " and " + ENGAGEMENT + " = 'inactive'" : "") + " then 0 else 1 end as engaged, "
                + (email ? ENGAGEMENT : "'not_tracked'") + " as engagement"
                + " from audience_contact c" + SUBSCRIPTION
                + " left join " + suppressedSet + " sup on sup.address = " + address
                + (spec.marketing() ? " left join " + sentSet + " sent on sent.recipient = " + address : "")
                + (email ? " left join " + TRACKED_SET + " trk on trk.contact_id = c.id" : "")
                + " where " + where;
    }

    /**
     * The voice audience: a voicemail drop goes only to the account's customers with a
     * contract in progress (recorded with its start date) or to contacts whose voice consent is an explicit
     * opt-in; anyone else is {@code prospecting}. Numbers on the national opposition list are {@code opposed}
     * unless a contract is in progress; a number that refused a drop within the policy's days is
     * {@code refused_recently}; one that already had the policy's voice solicitations in 30 days (sent or on
     * their way) is {@code voice_cap}.
     */
    private static String voice(AudienceSpec spec, Instant now, int frequencyCap, VoicePolicy voice, boolean postgres,
            Map<String, Object> params) {
        params.put("account", spec.accountId());
        params.put("channel", Channel.VOICE.code());
        params.put("capSince", Timestamp.from(now.minus(30, ChronoUnit.DAYS)));
        params.put("cap", frequencyCap);
        params.put("voiceCap", voice.maxSolicitationsPer30Days());
        params.put("refusedSince", Timestamp.from(now.minus(voice.daysAfterRefusal(), ChronoUnit.DAYS)));
        StringBuilder where = new StringBuilder("c.account_id = :account");
        if (spec.listIds() != null && !spec.listIds().isEmpty()) {
            params.put("lists", spec.listIds());
            where.append(" and c.id in (select m.contact_id from audience_list_member m where m.list_id in (:lists))");
        }
        if (spec.segment() != null && !spec.segment().isEmpty()) where.append(" and (").append(segment(spec.segment(), postgres, params)).append(")");
        String contract = "(c.contract_active = true and c.customer_since is not null)";
        // pre-aggregated sets joined by hash (as for email): linear for a million recipients
        String suppressedSet = "(select distinct s.address from audience_suppression s where s.channel = :channel"
                + " and (s.account_id = :account or s.account_id is null))";
        String sentSet = "(select o.recipient, count(*) as n from outbound_message o where o.account_id = :account"
                + " and o.channel = :channel and o.status = 'sent' and o.campaign_id is not null and o.finished_at >= :capSince"
                + " group by o.recipient)";
        String solicitedSet = "(select o.recipient, count(*) as n from outbound_message o where o.account_id = :account"
                + " and o.channel = :channel and o.campaign_id is not null and o.status in ('sent', 'queued', 'held', 'sending')"
                + " and o.created_at >= :capSince group by o.recipient)";
        String refusedSet = "(select distinct r.recipient_hash from voice_refusal r where r.account_id = :account"
                + " and r.refused_at >= :refusedSince)";
        String cls = "case when c.phone is null then 'no_address'"
                + " when sup.address is not null then 'suppressed'"
                + " when coalesce(sub.status, 'none') in ('unsubscribed', 'bounced', 'complained') then sub.status"
                + " when ref.recipient_hash is not null then 'refused_recently'"
                + " when opp.number_hash is not null and not " + contract + " then 'opposed'"
                + " when not " + contract + " and not (coalesce(sub.status, 'none') = 'subscribed' and coalesce(sub.basis, '') = 'opt_in')"
                + " then 'prospecting'"
                + " when coalesce(sol.n, 0) >= :voiceCap then 'voice_cap'"
                + " when coalesce(sent.n, 0) >= :cap then 'frequency_cap'"
                + " else 'eligible' end";
        return "select c.id as contact_id, c.phone as address, " + cls + " as cls, 1 as engaged, 'not_tracked' as engagement"
                + " from audience_contact c" + SUBSCRIPTION
                + " left join " + suppressedSet + " sup on sup.address = c.phone"
                + " left join " + sentSet + " sent on sent.recipient = c.phone"
                + " left join " + solicitedSet + " sol on sol.recipient = c.phone"
                + " left join " + refusedSet + " ref on ref.recipient_hash = " + sha256Hex("'fairsend-address:' || c.phone", postgres)
                + " left join audience_opposition opp on opp.number_hash = " + sha256Hex("c.phone", postgres)
                + " where " + where;
    }

    /** SQL for the lower-case hex SHA-256 of a text expression (Addresses.hash, OppositionList.hash). */
    private static String sha256Hex(String expr, boolean postgres) {
        return postgres ? "encode(sha256(convert_to(" + expr + ", 'UTF8')), 'hex')" : "lower(rawtohex(hash('SHA-256', " + expr + ")))";
    }

    static String segment(Segment s, boolean postgres, Map<String, Object> params) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        for (Segment.Condition c : s.conditions()) {
            String p = "seg" + (i++);
            String field = c.field() == null ? "" : c.field().trim();
            String column = column(field, postgres);
            String op = c.op() == null ? "eq" : c.op().trim().toLowerCase(Locale.ROOT);
            String value = c.value();
            String sql = switch (op) {
                case "eq" -> { params.put(p, value); yield "lower(" + column + ") = lower(:" + p + ")"; }
                case "neq" -> { params.put(p, value); yield "(" + column + " is null or lower(" + column + ") <> lower(:" + p + "))"; }
                case "contains" -> { params.put(p, "%" + (value == null ? "" : value.toLowerCase(Locale.ROOT)) + "%"); yield "lower(" + column + ") like :" + p; }
                case "is_set" -> column + " is not null";
                case "not_set" -> column + " is null";
                case "within_days", "not_within_days" -> {
                    if (!field.endsWith("_at") && !field.equals("customer_since")) {
                        throw new RuleViolation("segment.conditions[" + (i - 1) + "].op", "segment", op + " applies to dates only");
                    }
                    int days;
                    try {
                        days = Integer.parseInt(value == null ? "" : value.trim());
                    } catch (NumberFormatException e) {
                        throw new RuleViolation("segment.conditions[" + (i - 1) + "].value", "segment", "a number of days is required");
                    }
                    params.put(p, Timestamp.from(Instant.now().minus(days, ChronoUnit.DAYS)));
                    yield op.equals("within_days") ? column + " >= :" + p : "(" + column + " is null or " + column + " < :" + p + ")";
                }
                default -> throw new RuleViolation("segment.conditions[" + (i - 1) + "].op", "segment",
                        "unknown operator " + op + " (eq, neq, contains, is_set, not_set, within_days, not_within_days)");
            };
            parts.add(sql);
        }
        return String.join("any".equalsIgnoreCase(s.match()) ? " or " : " and ", parts);
    }

    private static String column(String field, boolean postgres) {
        var m = ATTRIBUTE.matcher(field);
        if (m.matches()) {
            if (!postgres) throw new RuleViolation("segment", "segment", "segments on attributes need PostgreSQL");
            return "(c.attributes::jsonb ->> '" + m.group(1) + "')";
        }
        return switch (field) {
            case "first_name", "last_name", "phone_type", "created_at", "last_open_at", "last_click_at", "customer_since" -> "c." + field;
            case "email_domain" -> "substring(c.email from position('@' in c.email) + 1)";
            case "contract_active" -> "cast(c.contract_active as varchar(5))";
            default -> throw new RuleViolation("segment", "segment", "unknown segment field " + field);
        };
    }
}
