package org.fairsend.consent.internal;

import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.consent.ChainReport;
import org.fairsend.consent.ConsentLedger;
import org.fairsend.platform.PlatformMail;
import org.fairsend.policy.PolicyTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Anchors the consent chain's heads outside the database: verifies every account's chain (against the previous
 * checkpoint), writes a new checkpoint file ({@link Checkpoints}) with each account's head, and mails the operator
 * ({@code fairsend.operator-email}) a digest: one line per account (its head's sequence number and the start of its
 * chain hash, and whether the chain verified) and the SHA-256 of the file. A later rewrite of the records from any
 * point on, even with the ledger's key, no longer matches the checkpoint, and the mailed digest shows which file is
 * genuine.
 *
 * <p>One job, idempotent: a second run writes a checkpoint of the same heads (a run in the same millisecond keeps the
 * first file), so running it on two nodes would be harmless; the job lock {@code consent.chain-anchor} (issue 18) makes it one run.
 */
@Component
class ChainAnchor {

    private static final Logger log = LoggerFactory.getLogger(ChainAnchor.class);

    private final JdbcClient jdbc;
    private final ConsentLedger ledger;
    private final Checkpoints checkpoints;
    private final AccountDirectory accounts;
    private final PlatformMail mail;
    private final PolicyTime time;
    private final Clock clock;
    private final String operatorEmail;

    ChainAnchor(JdbcClient jdbc, ConsentLedger ledger, Checkpoints checkpoints, AccountDirectory accounts, PlatformMail mail,
            PolicyTime time, Clock clock, @Value("${fairsend.operator-email:}") String operatorEmail) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.checkpoints = checkpoints;
        this.accounts = accounts;
        this.mail = mail;
        this.time = time;
        this.clock = clock;
        this.operatorEmail = operatorEmail == null ? "" : operatorEmail.strip();
    }

    /** What a run did: the file written, the digest, whether it was mailed. */
    record Anchored(Path file, String sha256, List<Checkpoints.Head> heads, List<ChainReport> broken, boolean mailed) {}

    Anchored anchor() {
        List<ChainReport> reports = ledger.verifyAll(); // also re-chains an account still chained the old way
        Map<UUID, ChainReport> byAccount = reports.stream().collect(Collectors.toMap(ChainReport::accountId, Function.identity()));
        List<Checkpoints.Head> heads = jdbc.sql("select account_id, seq, chain_hash from consent_chain_head order by account_id")
                .query((rs, n) -> new Checkpoints.Head(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3))).list();
        Instant at = clock.instant();
        Path file = checkpoints.write(at, heads);
        String sha = Checkpoints.digest(file);
        List<ChainReport> broken = reports.stream().filter(r -> !r.intact()).toList();
        boolean mailed = mail(at, file, sha, heads, byAccount);
        log.info("consent checkpoint {} written ({} account(s), {} broken chain(s), SHA-256 {})", file, heads.size(), broken.size(), sha);
        return new Anchored(file, sha, heads, broken, mailed);
    }

    private boolean mail(Instant at, Path file, String sha, List<Checkpoints.Head> heads, Map<UUID, ChainReport> reports) {
        if (operatorEmail.isEmpty()) {
            log.warn("no fairsend.operator-email: the consent checkpoint {} was written but its digest not mailed", file);
            return false;
        }
        String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ENGLISH).withZone(time.zone()).format(at);
        StringBuilder b = new StringBuilder();
        b.append("The consent ledger's heads were anchored on ").append(when).append(".\n\n");
        b.append("Keep this message: it lets you tell later whether the records were rewritten since.\n\n");
        for (Checkpoints.Head h : heads) {
            String name = accounts.find(h.accountId()).map(Account::displayName).orElse("?");
            ChainReport r = reports.get(h.accountId());
            b.append(h.accountId()).append(" (").append(name).append("): record ").append(h.seq()).append(", head ")
                    .append(h.chainHash(), 0, 16).append(r == null || r.intact() ? "" : ", CHAIN BROKEN at record "
                            + r.firstBrokenSeq() + ": " + r.problem()).append('\n');
        }
        b.append("\nCheckpoint file: ").append(file.toAbsolutePath()).append('\n');
        b.append("SHA-256 of the file: ").append(sha).append('\n');
        b.append("\nCheck the ledger against it: fairsend consent verify --checkpoint ").append(file.toAbsolutePath()).append('\n');
        // the file is written: a failed mail is logged, the next run mails again
        var error = mail.sendText(operatorEmail, "Fairsend", "[Fairsend] Consent ledger checkpoint " + when, b.toString());
        error.ifPresent(e -> log.error("the consent checkpoint digest could not be mailed to {}: {}", operatorEmail, e));
        return error.isEmpty();
    }
}
