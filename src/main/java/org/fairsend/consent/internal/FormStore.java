package org.fairsend.consent.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.fairsend.consent.OptInType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of table {@code consent_form} (V8): hosted forms are written once and never updated. */
@Repository
class FormStore {

    private final JdbcClient jdbc;

    FormStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Forms.Form f) {
        jdbc.sql("""
                insert into consent_form (id, account_id, list_id, name, subject, declaration_text, opt_in_type,
                    redirect_url, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(f.id(), f.accountId(), f.listId(), f.name(), f.subject(), f.declarationText(), f.optInType().code(),
                        f.redirectUrl(), Timestamp.from(f.createdAt()))
                .update();
    }

    /** The account's forms, oldest first; {@code url} gives each form's public address. */
    List<Forms.Form> list(UUID accountId, Function<UUID, String> url) {
        return jdbc.sql("select * from consent_form where account_id = ? order by created_at, id").param(accountId)
                .query((rs, n) -> map(rs, url)).list();
    }

    Optional<Forms.Form> find(UUID accountId, UUID id, Function<UUID, String> url) {
        return jdbc.sql("select * from consent_form where id = ? and account_id = ?").params(id, accountId)
                .query((rs, n) -> map(rs, url)).optional();
    }

    /** Any account's form (the public pages). */
    Optional<Forms.Form> find(UUID id, Function<UUID, String> url) {
        return jdbc.sql("select * from consent_form where id = ?").param(id).query((rs, n) -> map(rs, url)).optional();
    }

    private static Forms.Form map(ResultSet rs, Function<UUID, String> url) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new Forms.Form(id, rs.getObject("account_id", UUID.class), rs.getObject("list_id", UUID.class),
                rs.getString("name"), rs.getString("subject"), rs.getString("declaration_text"),
                OptInType.valueOf(rs.getString("opt_in_type").toUpperCase(Locale.ROOT)), rs.getString("redirect_url"),
                rs.getTimestamp("created_at").toInstant(), url.apply(id));
    }
}
