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

    @Command(name = "fairsend", mixinStandardHelpOptions = true, versionProvider = Version.class,
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

    /** The version of the jar (its manifest's Implementation-Version), or "development build" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = FairsendCli.class.getPackage().getImplementationVersion();
            return new String[] {"fairsend " + (v == null ? "(development build)" : v), "Java " + Runtime.version()};
        }
    }

    public static int run(Class<?> app, String[] args) {
        if (asksForHelp(args)) return help(args);
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

    /**
     * True when the command line only asks for help or the version ({@code --help}, {@code -h}, {@code help ...},
     * {@code --version}, {@code -V}): answered without starting the application or opening the database.
     */
    static boolean asksForHelp(String[] args) {
        if (args.length == 0) return false;
        if (args[0].equals("help") || args[0].equals("--version") || args[0].equals("-V")) return true;
        for (String a : args) {
            if (a.equals("--")) return false;
            if (a.equals("--help") || a.equals("-h")) return true;
        }
        return false;
    }

    /** The list of the modules' commands, for help without the application: one class name per line. */
    static final String COMMANDS = "META-INF/fairsend/commands";

    /**
     * Prints the help (or the version) from the commands' annotations alone, without starting the application: the
     * modules' commands are named in {@value #COMMANDS} (a test keeps it equal to the {@link FairsendCommand} beans) and
     * built with empty dependencies, since picocli only reads their options and never runs them.
     */
    static int help(String[] args) {
        CommandLine.IFactory factory = new DescriptionOnlyFactory();
        CommandLine cli = new CommandLine(new Root(), factory);
        if (args[0].equals("--version") || args[0].equals("-V")) return cli.execute(args);
        cli.addSubcommand("serve", new Serve());
        for (String name : listedCommands()) {
            try {
                cli.addSubcommand(new CommandLine(factory.create(Class.forName(name)), factory));
            } catch (Exception e) {
                throw new IllegalStateException("command " + name + " cannot be described: " + e, e);
            }
        }
        return cli.execute(args);
    }

    /** The class names listed in {@value #COMMANDS}. */
    static java.util.List<String> listedCommands() {
        try (var in = FairsendCli.class.getClassLoader().getResourceAsStream(COMMANDS)) {
            if (in == null) throw new IllegalStateException(COMMANDS + " is missing from the jar");
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Builds a command for its description only: the constructor gets nulls (and zeros) for its dependencies. */
    private static final class DescriptionOnlyFactory implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls.isInterface() || java.lang.reflect.Modifier.isAbstract(cls.getModifiers())) return CommandLine.defaultFactory().create(cls);
            var ctor = Arrays.stream(cls.getDeclaredConstructors()).min(Comparator.comparingInt(c -> c.getParameterCount())).orElseThrow();
            ctor.setAccessible(true);
            Object[] values = Arrays.stream(ctor.getParameterTypes()).map(FairsendCli::emptyValue).toArray();
            return cls.cast(ctor.newInstance(values));
        }
    }

    private static Object emptyValue(Class<?> type) {
        if (!type.isPrimitive()) return null;
        if (type == boolean.class) return false;
        if (type == char.class) return '\0';
        if (type == long.class) return 0L;
        if (type == double.class) return 0d;
        if (type == float.class) return 0f;
        if (type == byte.class) return (byte) 0;
        if (type == short.class) return (short) 0;
        return 0;
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
