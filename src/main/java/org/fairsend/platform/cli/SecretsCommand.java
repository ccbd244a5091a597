package org.fairsend.platform.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.fairsend.platform.SecretRotation;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code fairsend secrets generate | legacy | reseal}: the platform secret's life cycle (README, "Security").
 * Rotation: set FAIRSEND_PREVIOUS_SECRET to the old secret and FAIRSEND_SECRET to a new one on every node,
 * restart, run {@code fairsend secrets reseal}, and remove FAIRSEND_PREVIOUS_SECRET once the links mailed before the
 * rotation no longer matter.
 */
@Component
@Command(name = "secrets", description = "Generate, move and rotate the platform secret (FAIRSEND_SECRET).",
        subcommands = {SecretsCommand.Generate.class, SecretsCommand.Legacy.class, SecretsCommand.Reseal.class},
        mixinStandardHelpOptions = true)
class SecretsCommand implements FairsendCommand, Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Component
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Print a new random secret for FAIRSEND_SECRET (32 random bytes, URL-safe base64).")
    static class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println(SecretRotation.generate());
            out.flush();
            return 0;
        }
    }

    @Component
    @Command(name = "legacy", mixinStandardHelpOptions = true,
            description = "Print the secret an older version kept in the database, to set as FAIRSEND_SECRET (or FAIRSEND_PREVIOUS_SECRET).")
    static class Legacy implements Callable<Integer> {
        private final SecretRotation rotation;

        @Spec
        CommandSpec spec;

        Legacy(SecretRotation rotation) {
            this.rotation = rotation;
        }

        @Override
        public Integer call() {
            var legacy = rotation.legacySecret();
            if (legacy.isEmpty()) {
                spec.commandLine().getErr().println("the database holds no platform secret: nothing to move");
                spec.commandLine().getErr().flush();
                return 1;
            }
            spec.commandLine().getOut().println(legacy.get());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Component
    @Command(name = "reseal", mixinStandardHelpOptions = true,
            description = "Seal every value sealed under FAIRSEND_PREVIOUS_SECRET again under FAIRSEND_SECRET.")
    static class Reseal implements Callable<Integer> {
        private final SecretRotation rotation;

        @Spec
        CommandSpec spec;

        Reseal(SecretRotation rotation) {
            this.rotation = rotation;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int unreadable = 0;
            for (SecretRotation.Outcome o : rotation.reseal()) {
                out.printf("%s.%s: %d re-sealed, %d already under the current secret, %d unreadable%n", o.column().table(),
                        o.column().column(), o.resealed(), o.current(), o.unreadable());
                unreadable += o.unreadable();
            }
            out.flush();
            if (unreadable > 0) {
                err.println(unreadable + " value(s) open with neither FAIRSEND_SECRET nor FAIRSEND_PREVIOUS_SECRET"
                        + (rotation.rotating() ? "" : " (FAIRSEND_PREVIOUS_SECRET is not set)"));
                err.flush();
                return 1;
            }
            return 0;
        }
    }
}
