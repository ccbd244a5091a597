package org.fairsend.reputation.internal;

import java.io.PrintWriter;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.fairsend.platform.cli.FairsendCommand;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Component
@Command(name = "reputation", description = "Deliverability indicators and sanctions (R-14, R-15).",
        subcommands = ReconcileCommand.Reconcile.class, mixinStandardHelpOptions = true)
class ReconcileCommand implements FairsendCommand, Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** Recomputes the indicators from the send log and the feedback records; exit code 1 when they drifted (and were not fixed). */
    @Component
    @Command(name = "reconcile", mixinStandardHelpOptions = true,
            description = "Recompute the indicators from the send log and the feedback records and report any drift.")
    static class Reconcile implements Callable<Integer> {
        private final Reconciler reconciler;

        @Spec
        CommandSpec spec;

        @Option(names = "--account", description = "Only this account (its id).")
        UUID account;

        @Option(names = "--campaign", description = "Only this campaign (its id).")
        UUID campaign;

        @Option(names = "--fix", description = "Rewrite the drifted counters from the records (exact when nothing is sending).")
        boolean fix;

        Reconcile(Reconciler reconciler) {
            this.reconciler = reconciler;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            var r = reconciler.reconcile(account, campaign, fix);
            for (var d : r.drifts()) out.println("DRIFT " + d.describe());
            out.printf("%d campaign tallies and %d account days checked, %d drifted%s%n", r.campaignsChecked(), r.daysChecked(),
                    r.drifts().size(), r.fixed() ? ", fixed" : "");
            out.flush();
            return r.drifts().isEmpty() || r.fixed() ? 0 : 1;
        }
    }
}
