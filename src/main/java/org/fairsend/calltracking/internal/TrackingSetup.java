package org.fairsend.calltracking.internal;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.calltracking.CallTracking.CallerNumbersMode;
import org.fairsend.calltracking.CallTracking.RedirectStatus;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.policy.PolicyService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an account sets up: its advertising media (each with a public form URL and an inbound email address,
 * R-22), which medium each of its tracked numbers stands for and where its calls are redirected (R-23), and its
 * caller-number and report settings (R-25).
 */
@Service
class TrackingSetup {

    static final Set<String> MEDIUM_TYPES = Set.of("search_ad", "display_ad", "social", "print", "radio", "tv", "website",
            "directory", "poster", "vehicle", "event", "email", "other");

    /** The reminder given wherever full caller numbers are shown for calling back. */
    static final String OPPOSITION_NOTICE = "Calling back a person who called you, about what they called for, is fine. "
            + "Calling a number for prospecting (canvassing) needs it checked against the Bloctel opposition list first "
            + "(Code de la consommation, L.223-1), and the person must be able to object to further calls.";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccountDirectory accounts;
    private final NumberPool pool;
    private final PolicyService policy;
    private final FairsendProperties platform;
    private final CalltrackingProperties props;

    TrackingSetup(JdbcClient jdbc, Clock clock, AccountDirectory accounts, NumberPool pool, PolicyService policy,
            FairsendProperties platform, CalltrackingProperties props) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.accounts = accounts;
        this.pool = pool;
        this.policy = policy;
        this.platform = platform;
        this.props = props;
    }

    // ---- media

    record Medium(UUID id, UUID accountId, String name, String type, String formUrl, String emailAddress,
            Instant createdAt, Instant archivedAt) {}

    record MediumRequest(String name, String type) {}

    @Transactional
    Medium createMedium(UUID accountId, MediumRequest in) {
        String[] nt = validMedium(in);
        UUID id = Ids.newId();
        byte[] b = new byte[10];
        RANDOM.nextBytes(b);
        jdbc.sql("insert into ct_medium (id, account_id, name, type, public_token, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(id, accountId, nt[0], nt[1], HexFormat.of().formatHex(b), Timestamp.from(clock.instant())).update();
        return medium(accountId, id);
    }

    @Transactional
    Medium updateMedium(UUID accountId, UUID id, MediumRequest in) {
        medium(accountId, id);
        String[] nt = validMedium(in);
        jdbc.sql("update ct_medium set name = ?, type = ? where id = ? and account_id = ?").params(nt[0], nt[1], id, accountId).update();
        return medium(accountId, id);
    }

    /** An archived medium keeps its figures; its form and address stop taking contacts. */
    @Transactional
    Medium archiveMedium(UUID accountId, UUID id) {
        medium(accountId, id);
        jdbc.sql("update ct_medium set archived_at = coalesce(archived_at, ?) where id = ?").params(Timestamp.from(clock.instant()), id).update();
        return medium(accountId, id);
    }

    private static String[] validMedium(MediumRequest in) {
        if (in == null || in.name() == null || in.name().isBlank()) throw new RuleViolation("name", "required", "name the advertising medium");
        if (in.name().length() > 200) throw new RuleViolation("name", "length", "at most 200 characters");
        String type = in.type() == null ? "" : in.type().strip().toLowerCase(Locale.ROOT).replace('-', '_');
        if (!MEDIUM_TYPES.contains(type)) throw new RuleViolation("type", "R-22", "the medium type is one of " + new java.util.TreeSet<>(MEDIUM_TYPES));
        return new String[] {in.name().strip(), type};
    }

    List<Medium> media(UUID accountId) {
        return jdbc.sql("select * from ct_medium where account_id = ? order by created_at").param(accountId).query(this::medium).list();
    }

    Medium medium(UUID accountId, UUID id) {
        return jdbc.sql("select * from ct_medium where id = ? and account_id = ?").params(id, accountId).query(this::medium)
                .optional().orElseThrow(() -> new NotFound("medium"));
    }

    /** The active medium a public token names (forms, inbound addresses). */
    Optional<MediumRef> byToken(String token) {
        if (token == null || !token.matches("[0-9a-f]{20}")) return Optional.empty();
        return jdbc.sql("select id, account_id, name from ct_medium where public_token = ? and archived_at is null").param(token)
                .query((rs, n) -> new MediumRef(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class), rs.getString("name")))
                .optional();
    }

    record MediumRef(UUID id, UUID accountId, String name) {}

    String emailAddress(String token) {
        return "ct-" + token + "@" + props.emailDomain();
    }

    private Medium medium(ResultSet rs, int n) throws SQLException {
        String token = rs.getString("public_token");
        Timestamp archived = rs.getTimestamp("archived_at");
        return new Medium(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class), rs.getString("name"),
                rs.getString("type"), platform.publicUrl() + "/t/" + token + "/form", emailAddress(token),
                rs.getTimestamp("created_at").toInstant(), archived == null ? null : archived.toInstant());
    }

    // ---- the account's tracked numbers

    /**
     * One of the account's tracked numbers.
     *
     * @param redirectStatus {@code none} (no redirection set), {@code active}, {@code suspended} (R-23, with the reason)
     */
    record Line(UUID numberId, String number, Instant assignedAt, UUID mediumId, String mediumName, String redirectTo,
            RedirectStatus redirectStatus, String suspendedReason) {}

    record LineRequest(UUID mediumId, String redirectTo) {}

    List<Line> lines(UUID accountId) {
        return jdbc.sql(LINES + " where a.account_id = ? and a.released_at is null order by n.e164").param(accountId)
                .query(TrackingSetup::line).list();
    }

    Line line(UUID accountId, UUID numberId) {
        return jdbc.sql(LINES + " where a.account_id = ? and a.number_id = ? and a.released_at is null").params(accountId, numberId)
                .query(TrackingSetup::line).optional().orElseThrow(() -> new NotFound("tracked number"));
    }

    private static final String LINES = """
            select a.number_id, n.e164, a.assigned_at, a.medium_id, m.name as medium_name, a.redirect_to, a.redirect_status,
                   a.suspended_reason
            from ct_assignment a join ct_number n on n.id = a.number_id left join ct_medium m on m.id = a.medium_id""";

    /** Attaches the number to a medium and sets its redirection; a target that breaks R-23 is refused. */
    @Transactional
    Line configure(UUID accountId, UUID numberId, LineRequest in) {
        line(accountId, numberId);
        if (in == null) throw new RuleViolation("body", "required", "give mediumId and/or redirectTo");
        if (in.mediumId() != null) {
            Medium m = jdbc.sql("select * from ct_medium where id = ? and account_id = ?").params(in.mediumId(), accountId)
                    .query(this::medium).optional()
                    .orElseThrow(() -> new RuleViolation("mediumId", "exists", "no such medium in this account"));
            if (m.archivedAt() != null) throw new RuleViolation("mediumId", "R-22", "the medium is archived");
            jdbc.sql("update ct_assignment set medium_id = ? where number_id = ? and released_at is null").params(m.id(), numberId).update();
        }
        if (in.redirectTo() != null) {
            String target = checkRedirection(accountId, in.redirectTo());
            jdbc.sql("""
                    update ct_assignment set redirect_to = ?, redirect_status = ?, suspended_reason = null, suspended_at = null
                    where number_id = ? and released_at is null""").params(target, RedirectStatus.ACTIVE.code(), numberId).update();
        }
        return line(accountId, numberId);
    }

    /** The normalised target when R-23 allows it; a {@link RuleViolation} naming the rule otherwise. */
    String checkRedirection(UUID accountId, String target) {
        Account account = accounts.get(accountId);
        RedirectionRules.Verdict v = verdict(account, target);
        if (!v.allowed()) throw v.violation();
        if (pool.findByE164(v.e164()).isPresent()) {
            throw new RuleViolation("redirectTo", "R-23", "a redirection goes to the account's own line, not to a tracked number");
        }
        return v.e164();
    }

    RedirectionRules.Verdict verdict(Account account, String target) {
        return RedirectionRules.check(target, FrenchNumbering.zoneOf(account), FrenchNumbering.zoneSource(account),
                policy.current().policy().calltracking());
    }

    // ---- settings

    /**
     * @param callerNumbers {@code masked} (the default: last 4 digits dropped before storage) or {@code full}
     * @param reportEmail where reports, forwarded forms and emails go (null: the account's contact email)
     */
    record Settings(CallerNumbersMode callerNumbers, boolean weeklyReport, boolean monthlyReport, String reportEmail, String notice) {}

    record SettingsRequest(String callerNumbers, Boolean weeklyReport, Boolean monthlyReport, String reportEmail) {}

    Settings settings(UUID accountId) {
        return jdbc.sql("select * from ct_settings where account_id = ?").param(accountId)
                .query((rs, n) -> settings(CallerNumbersMode.of(rs.getString("caller_numbers")), rs.getBoolean("report_weekly"),
                        rs.getBoolean("report_monthly"), rs.getString("report_email")))
                .optional().orElse(settings(CallerNumbersMode.MASKED, false, false, null));
    }

    private static Settings settings(CallerNumbersMode caller, boolean weekly, boolean monthly, String email) {
        return new Settings(caller, weekly, monthly, email, caller == CallerNumbersMode.FULL ? OPPOSITION_NOTICE : null);
    }

    boolean fullNumbers(UUID accountId) {
        return settings(accountId).callerNumbers() == CallerNumbersMode.FULL;
    }

    /** Where the account's mail goes. */
    String recipient(UUID accountId) {
        String e = settings(accountId).reportEmail();
        return e != null ? e : accounts.get(accountId).contactEmail();
    }

    /**
     * Changes the settings. Switching to masked also masks the numbers already stored (they cannot be recovered);
     * switching to full applies to calls from then on.
     */
    @Transactional
    Settings updateSettings(UUID accountId, SettingsRequest in, String actor) {
        Settings cur = settings(accountId);
        CallerNumbersMode caller = cur.callerNumbers();
        if (in.callerNumbers() != null) {
            String code = in.callerNumbers().strip().toLowerCase(Locale.ROOT);
            caller = Arrays.stream(CallerNumbersMode.values()).filter(m -> m.code().equals(code)).findFirst()
                    .orElseThrow(() -> new RuleViolation("callerNumbers", "R-25",
                            "caller numbers are either masked (last 4 digits dropped) or full"));
        }
        String email = in.reportEmail() == null ? cur.reportEmail()
                : in.reportEmail().isBlank() ? null : Addresses.email(in.reportEmail(), "reportEmail");
        boolean weekly = in.weeklyReport() == null ? cur.weeklyReport() : in.weeklyReport();
        boolean monthly = in.monthlyReport() == null ? cur.monthlyReport() : in.monthlyReport();
        Timestamp now = Timestamp.from(clock.instant());
        int n = jdbc.sql("""
                update ct_settings set caller_numbers = ?, report_weekly = ?, report_monthly = ?, report_email = ?, updated_at = ?,
                    updated_by = ? where account_id = ?""").params(caller.code(), weekly, monthly, email, now, actor, accountId).update();
        if (n == 0) {
            jdbc.sql("""
                    insert into ct_settings (account_id, caller_numbers, report_weekly, report_monthly, report_email, updated_at, updated_by)
                    values (?, ?, ?, ?, ?, ?, ?)""").params(accountId, caller.code(), weekly, monthly, email, now, actor).update();
        }
        if (caller == CallerNumbersMode.MASKED) {
            // the prefix was computed by CallerNumbers, the one place numbers are masked; only its mask is appended here
            jdbc.sql("update ct_call set caller = caller_prefix || ?, caller_masked = true where account_id = ? and not caller_masked")
                    .params(CallerNumbers.MASK, accountId).update();
        }
        return settings(accountId);
    }

    /** Accounts that asked for recurring reports. */
    List<UUID> reportAccounts(ReportPeriod period) {
        return jdbc.sql("select account_id from ct_settings where " + (period == ReportPeriod.WEEKLY ? "report_weekly" : "report_monthly"))
                .query(UUID.class).list();
    }

    private static Line line(ResultSet rs, int n) throws SQLException {
        return new Line(rs.getObject("number_id", UUID.class), rs.getString("e164"), rs.getTimestamp("assigned_at").toInstant(),
                rs.getObject("medium_id", UUID.class), rs.getString("medium_name"), rs.getString("redirect_to"),
                RedirectStatus.of(rs.getString("redirect_status")), rs.getString("suspended_reason"));
    }
}
