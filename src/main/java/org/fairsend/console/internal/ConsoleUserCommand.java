package org.fairsend.console.internal;

import java.util.UUID;
import java.util.concurrent.Callable;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.cli.FairsendCommand;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Component
@Command(name = "console-user", description = "Manage web console users.", subcommands = ConsoleUserCommand.Create.class,
        mixinStandardHelpOptions = true)
class ConsoleUserCommand implements FairsendCommand, Runnable {

    @Override
    public void run() {
        System.err.println("usage: fairsend console-user create --email you@example.org (--operator | --account <id> [--role admin|member])");
    }

    @Component
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a console user; the password is FAIRSEND_CONSOLE_PASSWORD, or generated and printed once.")
    static class Create implements Callable<Integer> {
        private final ConsoleUsers users;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--email", required = true) String email;
        @Option(names = "--name", description = "Display name (default: the email).") String name;
        @Option(names = "--operator", description = "An operator user (sees every account).") boolean operator;
        @Option(names = "--account", description = "The account the user belongs to.") UUID account;
        @Option(names = "--role", defaultValue = "admin", description = "admin (also manages the account's users) or member.") String role;

        Create(ConsoleUsers users) {
            this.users = users;
        }

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            if (operator == (account != null)) {
                err.println("give either --operator or --account <id>");
                return 2;
            }
            try {
                var c = users.create(operator ? null : account,
                        new ConsoleUsers.NewUser(email, name, operator ? "operator" : role, System.getenv("FAIRSEND_CONSOLE_PASSWORD")), "cli");
                out.println("console user " + c.user().id() + " " + c.user().email() + " (" + c.user().role().code() + ")");
                if (c.generatedPassword() != null) out.println("password " + c.generatedPassword());
                out.flush();
                return 0;
            } catch (RuleViolation e) {
                e.violations().forEach(v -> err.println(v.field() + " [" + v.rule() + "]: " + v.message()));
                return 2;
            } catch (org.fairsend.platform.NotFound e) {
                err.println(e.getMessage());
                return 2;
            }
        }
    }
}
