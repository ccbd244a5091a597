package org.fairsend.delivery.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.delivery.MessageLinks;
import org.fairsend.delivery.SentMessage;
import org.fairsend.delivery.SentMessages;
import org.fairsend.platform.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcSentMessages implements SentMessages {

    private static final String COLUMNS = "select id, account_id, campaign_id, channel, contact_id, recipient, status, finished_at from outbound_message";

    private final JdbcClient jdbc;
    private final MessageLinks links;

    JdbcSentMessages(JdbcClient jdbc, MessageLinks links) {
        this.jdbc = jdbc;
        this.links = links;
    }

    @Override
    public Optional<SentMessage> find(long messageId) {
        // a message to an erased person is found no more (its recipient is the marker): a report, a click, an
        // unsubscribe link naming it ties nothing and shows nothing of them
        return jdbc.sql(COLUMNS + " where id = ?").param(messageId).query(JdbcSentMessages::map).optional()
                .filter(m -> !org.fairsend.platform.ErasedPerson.MARKER.equals(m.recipient()));
    }

    @Override
    public Optional<SentMessage> findByMessageId(String header) {
        return links.parseMessageId(header).flatMap(this::find);
    }

    @Override
    public Optional<SentMessage> latestTo(UUID accountId, Channel channel, String recipient) {
        // outbound_message_recipient (account_id, recipient)
        return jdbc.sql(COLUMNS + " where account_id = ? and recipient = ? and channel = ? and status = 'sent' order by id desc limit 1")
                .params(accountId, recipient, channel.code()).query(JdbcSentMessages::map).optional();
    }

    @Override
    public Optional<SentMessage> inCampaign(UUID campaignId, String recipient) {
        return jdbc.sql(COLUMNS + " where campaign_id = ? and recipient = ? order by id desc limit 1")
                .params(campaignId, recipient).query(JdbcSentMessages::map).optional();
    }

    @Override
    public List<SentMessage> latestPerAccountTo(Channel channel, String recipient, java.time.Instant since) {
        Map<UUID, SentMessage> byAccount = new java.util.LinkedHashMap<>();
        jdbc.sql(COLUMNS + " where recipient = ? and channel = ? and status = 'sent' and finished_at >= ? order by id desc limit 500")
                .params(recipient, channel.code(), Timestamp.from(since)).query(JdbcSentMessages::map).list()
                .forEach(m -> byAccount.putIfAbsent(m.accountId(), m));
        return List.copyOf(byAccount.values());
    }

    private static SentMessage map(ResultSet rs, int n) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new SentMessage(rs.getLong("id"), rs.getObject("account_id", UUID.class), rs.getObject("campaign_id", UUID.class),
                Channel.of(rs.getString("channel")), rs.getObject("contact_id", UUID.class), rs.getString("recipient"),
                rs.getString("status"), finished == null ? null : finished.toInstant());
    }
}
