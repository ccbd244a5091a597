package org.fairsend.consent.internal;

import java.io.PrintWriter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.fairsend.consent.ChainReport;
import org.fairsend.consent.ConsentLedger;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.platform.cli.FairsendCommand;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Component
@Command(name = "consent", description = "Consent ledger tools.", subcommands = {ConsentCommand.Verify.class, ConsentCommand.Anchor.class},
        mixinStandardHelpOptions = true)
class ConsentCommand implements FairsendCommand, Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /**
     * Re-computes the keyed hash chains and compares them with the latest checkpoint (or {@code --checkpoint FILE});
     * exit code 1 when any is broken or was rewritten or truncated since the checkpoint, 2 when the account does not
     * exist.
     */
    @Component
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Re-compute the consent ledger's keyed hash chains, compare them with the latest checkpoint"
                    + " (or --checkpoint FILE) and report the first broken link per account.")
    static class Verify implements Callable<Integer> {
        private final ConsentLedger ledger;
        private final AccountDirectory accounts;

        @Spec
        CommandSpec spec;

        @Option(names = "--account", description = "Only this account (its id).")
        UUID account;

        @Option(names = "--checkpoint", paramLabel = "FILE",
                description = "Compare with this checkpoint file instead of the latest in fairsend.consent.anchor-dir.")
        java.nio.file.Path checkpoint;

        Verify(ConsentLedger ledger, AccountDirectory accounts) {
            this.ledger = ledger;
            this.accounts = accounts;
        }

        @Override
        public Integer call() {
            try {
                return verify();
            } finally {
                // the command is a singleton bean: picocli would take this run's values as the next run's defaults
                account = null;
                checkpoint = null;
            }
        }

        private int verify() {
            PrintWriter out = spec.commandLine().getOut();
            if (account != null && accounts.find(account).isEmpty()) {
                spec.commandLine().getErr().println("account " + account + " not found");
                spec.commandLine().getErr().flush();
                return 2;
            }
            if (checkpoint != null && !java.nio.file.Files.isReadable(checkpoint)) {
                spec.commandLine().getErr().println("checkpoint " + checkpoint + " cannot be read");
                spec.commandLine().getErr().flush();
                return 2;
            }
            List<ChainReport> reports = ledger.verify(account, checkpoint);
            int broken = 0;
            for (ChainReport r : reports) {
                if (r.intact()) {
                    out.printf("account %s: %d records checked, chain intact%s%n", r.accountId(), r.recordsChecked(),
                            r.anchor() == null ? "" : ", matches the checkpoint " + r.anchor().file() + " (record " + r.anchor().seq() + ")");
                } else {
                    broken++;
                    out.printf("account %s: %d records checked, BROKEN%s: %s%n", r.accountId(), r.recordsChecked(),
                            r.firstBrokenRecordId() != null ? " at record " + r.firstBrokenRecordId() + " (seq " + r.firstBrokenSeq() + ")"
                                    : r.firstBrokenSeq() != null ? " at seq " + r.firstBrokenSeq() : "", r.problem());
                }
                ChainReport.Upgrade u = r.upgrade();
                if (u != null) {
                    out.printf("  re-chained under the key on %s: %d records; the old chain was %s%s%n", u.at(), u.records(),
                            u.oldChainIntact() ? "intact" : "BROKEN at record " + u.oldBrokenSeq() + ": " + u.oldProblem(),
                            u.erasuresRecorded() == 0 ? "" : "; " + u.erasuresRecorded() + " earlier erasure(s) recorded");
                }
            }
            out.printf("%d account(s) checked, %d broken%n", reports.size(), broken);
            out.flush();
            return broken > 0 ? 1 : 0;
        }
    }

    /** Writes a checkpoint now (as the schedule does) and mails its digest to the operator. */
    @Component
    @Command(name = "anchor", mixinStandardHelpOptions = true,
            description = "Verify every chain, write a signed checkpoint of the heads and mail its digest to the operator.")
    static class Anchor implements Callable<Integer> {
        private final ChainAnchor anchor;

        @Spec
        CommandSpec spec;

        Anchor(ChainAnchor anchor) {
            this.anchor = anchor;
        }

        @Override
        public Integer call() {
            ChainAnchor.Anchored a = anchor.anchor();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("checkpoint %s written: %d account(s), SHA-256 %s%s%n", a.file().toAbsolutePath(), a.heads().size(),
                    a.sha256(), a.mailed() ? ", digest mailed" : ", digest NOT mailed (set fairsend.operator-email)");
            for (ChainReport r : a.broken()) out.printf("account %s: BROKEN: %s%n", r.accountId(), r.problem());
            out.flush();
            return a.broken().isEmpty() ? 0 : 1;
        }
    }
}
