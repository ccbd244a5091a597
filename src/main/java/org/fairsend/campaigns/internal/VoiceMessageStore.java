package org.fairsend.campaigns.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of the recordings for voicemail drops: table {@code voice_message} (V43), the audio kept in the row. */
@Component
class VoiceMessageStore {

    private static final String COLUMNS = "id, account_id, name, format, duration_millis, sample_rate, channels, size_bytes, sha256,"
            + " transcript, created_by, created_at";

    private final JdbcClient jdbc;

    VoiceMessageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A recording's bytes and its format code. */
    record Stored(String format, byte[] bytes) {}

    void insert(UUID id, UUID accountId, String name, AudioFiles.Audio a, byte[] audio, String sha256, String transcript, String actor,
            Instant at) {
        jdbc.sql("""
                insert into voice_message (id, account_id, name, format, duration_millis, sample_rate, channels, size_bytes, sha256,
                    transcript, audio, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, accountId, name, a.format(), a.durationMillis(), a.sampleRate(), a.channels(), (long) audio.length, sha256,
                        transcript, audio, actor, Timestamp.from(at))
                .update();
    }

    Optional<VoiceMessages.VoiceMessage> find(UUID accountId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from voice_message where id = ? and account_id = ?").params(id, accountId)
                .query(VoiceMessageStore::map).optional();
    }

    List<VoiceMessages.VoiceMessage> list(UUID accountId) {
        return jdbc.sql("select " + COLUMNS + " from voice_message where account_id = ? order by created_at desc").param(accountId)
                .query(VoiceMessageStore::map).list();
    }

    Optional<Stored> audio(UUID id) {
        return jdbc.sql("select format, audio from voice_message where id = ?").param(id)
                .query((rs, i) -> new Stored(rs.getString(1), rs.getBytes(2))).optional();
    }

    private static VoiceMessages.VoiceMessage map(ResultSet rs, int n) throws SQLException {
        return new VoiceMessages.VoiceMessage(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class), rs.getString("name"),
                rs.getString("format"), rs.getLong("duration_millis"), rs.getInt("sample_rate"), rs.getInt("channels"),
                rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("transcript"), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }
}
