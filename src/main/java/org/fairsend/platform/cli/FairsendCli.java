package org.fairsend.platform.cli;

import java.util.Arrays;
import java.util.Comparator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The launcher: {@code serve} (or nothing) starts the server; anything else starts the application
 * without a web server, in CLI mode ({@code fairsend.mode=cli}: no schedulers, no listeners), and runs
 * the picocli subcommand that modules contributed as {@link FairsendCommand} beans.
 */
public final class FairsendCli {

    /** Returned when the server was started and the JVM must keep running. */
    public static final int KEEP_RUNNING = -1;

    private FairsendCli() {}

    @Command(name = "fairsend", mixinStandardHelpOptions = true, version = "fairsend 0.1",
            description = "Consent-first marketing messaging platform.",
            subcommands = CommandLine.HelpCommand.class)
    static final class Root implements Runnable {
        @Override
        public void run() {
            // "serve" is handled before picocli; a bare "fairsend --help" lands here.
        }
    }

    @Command(name = "serve", description = "Start the HTTP server (the default).")
    static final class Serve implements Runnable {
        @Override
        public void run() {}
    }

    public static int run(Class<?> app, String[] args) {
        if (args.length == 0 || args[0].equals("serve") || args[0].startsWith("--spring") || args[0].startsWith("--server")) {
            String[] rest = args.length > 0 && args[0].equals("serve") ? Arrays.copyOfRange(args, 1, args.length) : args;
            SpringApplication.run(app, rest);
            return KEEP_RUNNING;
        }
        SpringApplication application = new SpringApplication(app);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setAdditionalProfiles("cli");
        application.setLogStartupInfo(false);
        try (ConfigurableApplicationContext ctx = application.run("--fairsend.mode=cli", "--spring.main.banner-mode=off")) {
            return execute(ctx, args);
        }
    }

    /** Runs {@code args} against an already started context (used by tests too). */
    public static int execute(ConfigurableApplicationContext ctx, String... args) {
        CommandLine cli = commandLine(ctx);
        return cli.execute(args);
    }

    public static CommandLine commandLine(ConfigurableApplicationContext ctx) {
        CommandLine.IFactory factory = new SpringFactory(ctx);
        CommandLine cli = new CommandLine(new Root(), factory);
        cli.addSubcommand("serve", new Serve());
        ctx.getBeansOfType(FairsendCommand.class).values().stream()
                .sorted(Comparator.comparing(b -> b.getClass().getName()))
                .forEach(bean -> cli.addSubcommand(new CommandLine(bean, factory)));
        return cli;
    }

    private record SpringFactory(ConfigurableApplicationContext ctx) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return ctx.getBean(cls);
            } catch (org.springframework.beans.BeansException e) {
                try {
                    return ctx.getAutowireCapableBeanFactory().createBean(cls);
                } catch (org.springframework.beans.BeansException e2) {
                    return CommandLine.defaultFactory().create(cls);
                }
            }
        }
    }
}
