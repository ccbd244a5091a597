package org.fairsend.console.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Hashing;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.RuleViolation.Violation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Console users: created by the operator (API, CLI) or by an account's admin (the Users page). Passwords are
 * stored only as bcrypt hashes; a password left empty at creation is generated and shown once.
 */
@Service
class ConsoleUsers {

    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 128;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PasswordEncoder encoder;
    private final AccountDirectory accounts;

    ConsoleUsers(JdbcClient jdbc, Clock clock, ConsolePasswords passwords, AccountDirectory accounts) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.encoder = passwords.encoder();
        this.accounts = accounts;
    }

    record NewUser(String email, String displayName, String role, String password) {}

    /** A created user and, when the password was generated, that password (the only time it is visible). */
    record Created(ConsoleUser user, String generatedPassword) {}

    record Stored(ConsoleUser user, String passwordHash) {}

    @Transactional
    Created create(UUID accountId, NewUser in, String createdBy) {
        List<Violation> errors = new ArrayList<>();
        ConsoleUser.Role role;
        try {
            role = in.role() == null || in.role().isBlank()
                    ? (accountId == null ? ConsoleUser.Role.OPERATOR : ConsoleUser.Role.MEMBER) : ConsoleUser.Role.of(in.role().strip());
        } catch (IllegalArgumentException e) {
            throw new RuleViolation("role", "enum", "role is operator, admin or member");
        }
        if (accountId == null && role != ConsoleUser.Role.OPERATOR) errors.add(new Violation("role", "scope", "a user without an account is an operator"));
        if (accountId != null && role == ConsoleUser.Role.OPERATOR) errors.add(new Violation("role", "scope", "an account user is an admin or a member"));
        if (accountId != null) {
            Account a = accounts.get(accountId);
            if (a.status() == Account.Status.TERMINATED) errors.add(new Violation("accountId", "R-15", "the account is terminated"));
        }
        String email = null;
        try {
            email = Addresses.email(in.email(), "email");
        } catch (RuleViolation e) {
            errors.addAll(e.violations());
        }
        String name = in.displayName() == null || in.displayName().isBlank() ? email : in.displayName().strip();
        if (name != null && name.length() > 200) errors.add(new Violation("displayName", "length", "at most 200 characters"));
        String password = in.password();
        String generated = null;
        if (password == null || password.isEmpty()) {
            generated = Hashing.randomToken(15);
            password = generated;
        } else {
            passwordProblems(password, errors);
        }
        if (email != null && byEmail(email).isPresent()) errors.add(new Violation("email", "unique", "a console user with this email exists"));
        if (!errors.isEmpty()) throw new RuleViolation(422, errors);
        UUID id = Ids.newId();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into console_user (id, account_id, email, display_name, role, password_hash, created_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, accountId, email, name, role.code(), encoder.encode(password), Timestamp.from(now), createdBy)
                .update();
        return new Created(get(id), generated);
    }

    static void passwordProblems(String password, List<Violation> errors) {
        if (password.length() < MIN_PASSWORD) errors.add(new Violation("password", "length", "at least " + MIN_PASSWORD + " characters"));
        if (password.length() > MAX_PASSWORD) errors.add(new Violation("password", "length", "at most " + MAX_PASSWORD + " characters"));
    }

    /** Changes the user's password and ends their other sessions at their next request; returns the user as it now is. */
    @Transactional
    ConsoleUser changePassword(UUID userId, String current, String next) {
        Stored s = stored(userId).orElseThrow(() -> new NotFound("console user"));
        if (current == null || !encoder.matches(current, s.passwordHash())) {
            throw new RuleViolation("currentPassword", "match", "the current password is not right");
        }
        List<Violation> errors = new ArrayList<>();
        passwordProblems(next == null ? "" : next, errors);
        if (!errors.isEmpty()) throw new RuleViolation(422, errors);
        jdbc.sql("update console_user set password_hash = ?, session_version = session_version + 1 where id = ?")
                .params(encoder.encode(next), userId).update();
        return get(userId);
    }

    ConsoleUser get(UUID id) {
        return stored(id).map(Stored::user).orElseThrow(() -> new NotFound("console user"));
    }

    Optional<Stored> stored(UUID id) {
        return jdbc.sql("select * from console_user where id = ?").param(id).query(ConsoleUsers::stored).optional();
    }

    Optional<Stored> byEmail(String normalizedEmail) {
        return jdbc.sql("select * from console_user where email = ?").param(normalizedEmail).query(ConsoleUsers::stored).optional();
    }

    List<ConsoleUser> ofAccount(UUID accountId) {
        return jdbc.sql("select * from console_user where account_id = ? order by created_at").param(accountId)
                .query(ConsoleUsers::stored).list().stream().map(Stored::user).toList();
    }

    List<ConsoleUser> operators() {
        return jdbc.sql("select * from console_user where account_id is null order by created_at")
                .query(ConsoleUsers::stored).list().stream().map(Stored::user).toList();
    }

    /**
     * Disables a user of the account (an admin manages only their own account's users, never themselves); their
     * sessions end at their next request.
     */
    @Transactional
    void disable(UUID accountId, UUID userId) {
        int n = jdbc.sql("""
                update console_user set disabled_at = ?, session_version = session_version + 1
                where id = ? and account_id = ? and disabled_at is null""")
                .params(Timestamp.from(clock.instant()), userId, accountId).update();
        if (n == 0) throw new NotFound("console user");
    }

    /** The operator disables any console user (an operator too); their sessions end at their next request. */
    @Transactional
    ConsoleUser disable(UUID userId) {
        jdbc.sql("update console_user set disabled_at = ?, session_version = session_version + 1 where id = ? and disabled_at is null")
                .params(Timestamp.from(clock.instant()), userId).update();
        return get(userId);
    }

    /**
     * Whether a session signed in as {@code principal} may go on: the user exists, is not disabled, has the session
     * version the session signed in with (no password change or disabling since), and their account is not
     * terminated. Read from the database on every console request, so it holds on every node at once.
     */
    boolean sessionValid(ConsoleUser principal) {
        var row = jdbc.sql("select session_version, disabled_at from console_user where id = ?").param(principal.id())
                .query((rs, n) -> rs.getTimestamp("disabled_at") == null ? rs.getInt("session_version") : null).optional();
        if (row.isEmpty() || row.get() == null || row.get() != principal.sessionVersion()) return false;
        return principal.accountId() == null || accountOpen(principal.accountId());
    }

    /**
     * Users of a terminated account neither sign in nor keep a session; a frozen account's users do (issue 19: they
     * read and export, the console refuses their writes, {@link FrozenConsole}).
     */
    boolean accountOpen(UUID accountId) {
        return accounts.find(accountId).map(a -> a.status().open()).orElse(false);
    }

    void signedIn(UUID userId) {
        jdbc.sql("update console_user set last_sign_in_at = ? where id = ?").params(Timestamp.from(clock.instant()), userId).update();
    }

    boolean matches(String raw, String hash) {
        return encoder.matches(raw, hash);
    }

    private static Stored stored(ResultSet rs, int n) throws SQLException {
        return new Stored(new ConsoleUser(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getString("email"), rs.getString("display_name"), ConsoleUser.Role.of(rs.getString("role")),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), instant(rs, "disabled_at"),
                instant(rs, "last_sign_in_at"), rs.getInt("session_version")), rs.getString("password_hash"));
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }
}
