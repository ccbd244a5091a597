package org.fairsend.consent.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.consent.ConsentSubjects;
import org.fairsend.consent.OptInType;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.RuleViolation.Violation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hosted subscription forms: what the form asks consent for (the subject), the declaration the
 * checkbox shows, the opt-in type, the list subscribers join. A form never changes once created: the
 * declaration a consent record quotes is the one the subscriber saw.
 */
@Service
class Forms {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ConsentSubjects subjects;
    private final FairsendProperties props;

    Forms(JdbcClient jdbc, Clock clock, ConsentSubjects subjects, FairsendProperties props) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.subjects = subjects;
        this.props = props;
    }

    record Form(UUID id, UUID accountId, UUID listId, String name, String subject, String declarationText,
            OptInType optInType, String redirectUrl, Instant createdAt, String url) {}

    record NewForm(String name, UUID listId, String subject, String declarationText, String optInType, String redirectUrl) {}

    @Transactional
    Form create(UUID accountId, NewForm in) {
        List<Violation> errors = new ArrayList<>();
        String name = strip(in.name());
        String subject = strip(in.subject());
        String declaration = strip(in.declarationText());
        if (name == null) errors.add(new Violation("name", "required", "the form needs a name"));
        else if (name.length() > 200) errors.add(new Violation("name", "length", "at most 200 characters"));
        if (subject == null) {
            errors.add(new Violation("subject", "R-2", "name the subject of the messages subscribers consent to"));
        } else if (subject.length() > 500) errors.add(new Violation("subject", "length", "at most 500 characters"));
        if (declaration == null) {
            errors.add(new Violation("declarationText", "R-2", "the declaration shown next to the consent checkbox is required"));
        } else if (declaration.length() > 4000) errors.add(new Violation("declarationText", "length", "at most 4000 characters"));
        OptInType type = null;
        String t = strip(in.optInType());
        if (t == null) type = OptInType.DOUBLE;
        else if (t.equalsIgnoreCase("single")) type = OptInType.SINGLE;
        else if (t.equalsIgnoreCase("double")) type = OptInType.DOUBLE;
        else errors.add(new Violation("optInType", "R-3", "a hosted form's opt-in type is single or double"));
        String redirect = strip(in.redirectUrl());
        if (redirect != null) {
            String problem = checkRedirect(redirect);
            if (problem != null) errors.add(new Violation("redirectUrl", "url", problem));
        }
        if (!errors.isEmpty()) throw new RuleViolation(422, errors);
        if (in.listId() != null && !subjects.listExists(accountId, in.listId())) {
            throw new RuleViolation("listId", "exists", "no such list in this account");
        }
        UUID id = Ids.newId();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into consent_form (id, account_id, list_id, name, subject, declaration_text, opt_in_type,
                    redirect_url, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, accountId, in.listId(), name, subject, declaration, type.code(), redirect, Timestamp.from(now))
                .update();
        return get(accountId, id);
    }

    List<Form> list(UUID accountId) {
        return jdbc.sql("select * from consent_form where account_id = ? order by created_at, id").param(accountId)
                .query(this::map).list();
    }

    /** The account's form, or 404 (another account's form is not found either). */
    Form get(UUID accountId, UUID id) {
        return jdbc.sql("select * from consent_form where id = ? and account_id = ?").params(id, accountId)
                .query(this::map).optional().orElseThrow(() -> new NotFound("form"));
    }

    /** Any account's form, for the public pages. */
    Optional<Form> find(UUID id) {
        return jdbc.sql("select * from consent_form where id = ?").param(id).query(this::map).optional();
    }

    String url(UUID formId) {
        return props.publicUrl() + "/f/" + formId;
    }

    private Form map(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new Form(id, rs.getObject("account_id", UUID.class), rs.getObject("list_id", UUID.class),
                rs.getString("name"), rs.getString("subject"), rs.getString("declaration_text"),
                OptInType.valueOf(rs.getString("opt_in_type").toUpperCase(Locale.ROOT)), rs.getString("redirect_url"),
                rs.getTimestamp("created_at").toInstant(), url(id));
    }

    private static String checkRedirect(String url) {
        if (url.length() > 2000) return "at most 2000 characters";
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) return "the redirect URL must be an http or https URL";
            if (u.getHost() == null || u.getHost().isBlank()) return "the redirect URL needs a host";
            if (u.getUserInfo() != null) return "the redirect URL may not carry credentials";
            return null;
        } catch (URISyntaxException e) {
            return "not a valid URL";
        }
    }

    static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
