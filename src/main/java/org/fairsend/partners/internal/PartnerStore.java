package org.fairsend.partners.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.partners.Partners.Partner;
import org.fairsend.partners.Partners.Rental;
import org.fairsend.partners.Partners.Status;
import org.fairsend.partners.Partners.Step;
import org.fairsend.partners.RentalState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of the partners module: {@code partner}, {@code partner_rental}, {@code partner_audit} (V132). */
@Component
class PartnerStore {

    private static final String RENTAL = "select r.*, p.legal_name as partner_name from partner_rental r join partner p on p.id = r.partner_id";

    private final JdbcClient jdbc;

    PartnerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Partner p) {
        jdbc.sql("""
                insert into partner (id, account_id, list_id, legal_name, address, description, from_name, from_address, reply_to,
                    status, created_by, created_at)
                values (:id, :account, :list, :legal, :address, :description, :fromName, :fromAddress, :replyTo, :status, :by, :at)""")
                .param("id", p.id()).param("account", p.accountId()).param("list", p.listId()).param("legal", p.legalName())
                .param("address", p.address()).param("description", p.description()).param("fromName", p.fromName())
                .param("fromAddress", p.fromAddress()).param("replyTo", p.replyTo()).param("status", p.status().code())
                .param("by", p.createdBy()).param("at", Timestamp.from(p.createdAt())).update();
    }

    List<Partner> partners() {
        return jdbc.sql("select * from partner order by legal_name, id").query(PartnerStore::partner).list();
    }

    Optional<Partner> partner(UUID id) {
        return jdbc.sql("select * from partner where id = ?").param(id).query(PartnerStore::partner).optional();
    }

    void insertRental(UUID id, UUID partnerId, UUID accountId, UUID campaignId, String note, String by, Instant at) {
        jdbc.sql("""
                insert into partner_rental (id, partner_id, account_id, campaign_id, state, note, requested_by, requested_at, live_campaign)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, partnerId, accountId, campaignId, RentalState.REQUESTED.code(), note, by, Timestamp.from(at), campaignId)
                .update();
    }

    Optional<Rental> rental(UUID id) {
        return jdbc.sql(RENTAL + " where r.id = ?").param(id).query(PartnerStore::rental).optional();
    }

    /** The rental holding the campaign (requested or approved), if any. */
    Optional<Rental> liveRental(UUID campaignId) {
        return jdbc.sql(RENTAL + " where r.live_campaign = ?").param(campaignId).query(PartnerStore::rental).optional();
    }

    List<Rental> rentalsOf(UUID accountId) {
        return jdbc.sql(RENTAL + " where r.account_id = ? order by r.requested_at desc, r.id").param(accountId)
                .query(PartnerStore::rental).list();
    }

    List<Rental> rentals(RentalState state, int limit) {
        return jdbc.sql(RENTAL + (state == null ? "" : " where r.state = :state") + " order by r.requested_at desc, r.id limit :limit")
                .paramSource(state == null ? java.util.Map.of("limit", limit) : java.util.Map.of("state", state.code(), "limit", limit))
                .query(PartnerStore::rental).list();
    }

    List<Rental> rentalsOfPartner(UUID partnerId) {
        return jdbc.sql(RENTAL + " where r.partner_id = ? order by r.requested_at desc, r.id").param(partnerId)
                .query(PartnerStore::rental).list();
    }

    /** Moves a rental from {@code from} to {@code to}; false when it was no longer in {@code from} (another decision came first). */
    boolean decide(UUID id, RentalState from, RentalState to, String by, String reason, Instant at) {
        return jdbc.sql("update partner_rental set state = :to, decided_by = :by, decided_at = :at, reason = :reason, live_campaign = "
                        + (to.live() ? "campaign_id" : "null") + " where id = :id and state = :from")
                .param("to", to.code()).param("by", by).param("at", Timestamp.from(at)).param("reason", reason)
                .param("id", id).param("from", from.code()).update() == 1;
    }

    void audit(UUID partnerId, UUID rentalId, UUID accountId, String action, String actor, String detail, Instant at) {
        jdbc.sql("insert into partner_audit (partner_id, rental_id, account_id, action, actor, detail, at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(partnerId, rentalId, accountId, action, actor, detail, Timestamp.from(at)).update();
    }

    List<Step> history(UUID partnerId) {
        return jdbc.sql("select * from partner_audit where partner_id = ? order by id").param(partnerId).query(PartnerStore::step).list();
    }

    List<Step> rentalHistory(UUID rentalId) {
        return jdbc.sql("select * from partner_audit where rental_id = ? order by id").param(rentalId).query(PartnerStore::step).list();
    }

    private static Partner partner(ResultSet rs, int i) throws SQLException {
        return new Partner(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class), rs.getObject("list_id", UUID.class),
                rs.getString("legal_name"), rs.getString("address"), rs.getString("description"), rs.getString("from_name"),
                rs.getString("from_address"), rs.getString("reply_to"), Status.valueOf(rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }

    private static Rental rental(ResultSet rs, int i) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Rental(rs.getObject("id", UUID.class), rs.getObject("partner_id", UUID.class), rs.getString("partner_name"),
                rs.getObject("account_id", UUID.class), rs.getObject("campaign_id", UUID.class), RentalState.of(rs.getString("state")),
                rs.getString("note"), rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(), rs.getString("decided_by"),
                decided == null ? null : decided.toInstant(), rs.getString("reason"));
    }

    private static Step step(ResultSet rs, int i) throws SQLException {
        return new Step(rs.getLong("id"), rs.getObject("partner_id", UUID.class), rs.getObject("rental_id", UUID.class),
                rs.getObject("account_id", UUID.class), rs.getString("action"), rs.getString("actor"), rs.getString("detail"),
                rs.getTimestamp("at").toInstant());
    }
}
