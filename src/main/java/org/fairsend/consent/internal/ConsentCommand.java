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
@Command(name = "consent", description = "Consent ledger tools.", subcommands = ConsentCommand.Verify.class,
        mixinStandardHelpOptions = true)
class ConsentCommand implements FairsendCommand, Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** Re-computes the hash chains; exit code 1 when any is broken, 2 when the account does not exist. */
    @Component
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Re-compute the consent ledger's hash chains and report the first broken link per account.")
    static class Verify implements Callable<Integer> {
        private final ConsentLedger ledger;
        private final AccountDirectory accounts;

        @Spec
        CommandSpec spec;

        @Option(names = "--account", description = "Only this account (its id).")
        UUID account;

        Verify(ConsentLedger ledger, AccountDirectory accounts) {
            this.ledger = ledger;
            this.accounts = accounts;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (account != null && accounts.find(account).isEmpty()) {
                spec.commandLine().getErr().println("account " + account + " not found");
                spec.commandLine().getErr().flush();
                return 2;
            }
            List<ChainReport> reports = account == null ? ledger.verifyAll() : List.of(ledger.verify(account));
            int broken = 0;
            for (ChainReport r : reports) {
                if (r.intact()) {
                    out.printf("account %s: %d records checked, chain intact%n", r.accountId(), r.recordsChecked());
                } else {
                    broken++;
                    out.printf("account %s: %d records checked, BROKEN at record %d (seq %d): %s%n", r.accountId(),
                            r.recordsChecked(), r.firstBrokenRecordId(), r.firstBrokenSeq(), r.problem());
                }
            }
            out.printf("%d account(s) checked, %d broken%n", reports.size(), broken);
            out.flush();
            return broken > 0 ? 1 : 0;
        }
    }
}
