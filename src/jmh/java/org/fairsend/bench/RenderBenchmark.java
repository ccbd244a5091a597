package org.fairsend.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.fairsend.accounts.DkimSigningKeys;
import org.fairsend.accounts.SenderDomain;
import org.fairsend.accounts.SenderDomains;
import org.fairsend.delivery.ChannelRenderer;
import org.fairsend.delivery.EmailTemplate;
import org.fairsend.delivery.JmhDelivery;
import org.fairsend.delivery.MessageLinks;
import org.fairsend.delivery.RenderedContent;
import org.fairsend.delivery.TemplateLimits;
import org.fairsend.delivery.Templates;
import org.fairsend.delivery.dkim.DkimCrypto;
import org.fairsend.delivery.email.JmhEmail;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.JmhPlatform;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * One personalised campaign email rendered for one recipient, as the delivery engine does it: the template compiled
 * once ({@link ChannelRenderer#compile}), then {@code render(recipient)} per operation, with the real renderer, template
 * sandbox, link and token signers and DKIM signer; no database (the sender domain's keys come from a stub of
 * {@link SenderDomains}, as the real one serves them from its cache). {@code sign}: {@code plain} (no DKIM),
 * {@code jdk} (DKIM, the JDK's RSA) or {@code native} (DKIM, the native provider; fails where it cannot load).
 *
 * <p>The message is bench/email's: ~4 KB of HTML with the contact's first name and city, one tracked link, the open
 * pixel, the footer and List-Unsubscribe. Run by {@code bench/render}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx512m"})
@Threads(1)
public class RenderBenchmark {

    static final String DOMAIN = "bench-boulangerie.example";
    static final String[] NAMES = {"Marie", "Jean", "Zoé", "Léa", "Hugo", "Chloé", "Louis", "Inès", "Gabriel", "Anaïs"};
    static final String[] CITIES = {"Lyon", "Nantes", "Besançon", "Saint-Étienne", "Aix-en-Provence", "Rennes", "Brest"};

    @Param({"plain", "jdk", "native"})
    public String sign;

    private ChannelRenderer.Compiled compiled;
    private final List<Map<String, Object>> contacts = new ArrayList<>();
    private final UUID account = UUID.randomUUID();
    private final AtomicLong next = new AtomicLong(1);
    private final AtomicInteger contact = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Clock clock = Clock.systemUTC();
        DkimCrypto crypto = switch (sign) {
            case "plain", "jdk" -> DkimCrypto.select(DkimCrypto.Setting.JDK);
            case "native" -> DkimCrypto.select(DkimCrypto.Setting.AUTO);
            default -> throw new IllegalArgumentException("sign: plain, jdk or native");
        };
        if (sign.equals("native") && crypto.implementation() != DkimCrypto.Implementation.NATIVE) {
            throw new IllegalStateException("no native RSA here: " + crypto.description());
        }
        System.out.println("DKIM RSA: " + crypto.description());
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        SenderDomains domains = new OneDomain(new DkimSigningKeys(DOMAIN, "fs2026", g.generateKeyPair().getPrivate(), null, null));
        FairsendProperties props = new FairsendProperties(FairsendProperties.Mode.SERVE, "https://fairsend.example", "jmh-secret-0123456789abcdefghijklmnopqrstuvwxyz", null);
        MessageLinks links = JmhDelivery.links(JmhPlatform.tokens(props, clock), props, clock, domains);
        ChannelRenderer renderer = JmhEmail.renderer(links, domains, clock, new Templates(TemplateLimits.defaults()), !sign.equals("plain"), crypto);
        String html = "<html><body><h1>Bonjour {{ contact.first_name }}</h1>"
                + "<p>Notre pain au levain de {{ contact.city }} est cuit chaque matin au feu de bois, avec une farine de meule.</p>".repeat(25)
                + "<p><a href=\"https://bench-boulangerie.example/pain\">Voir le pain</a></p></body></html>";
        compiled = renderer.compile(new EmailTemplate("Le pain de {{ contact.city }}", null, html, null, "Bench Boulangerie",
                "lettre@" + DOMAIN, null, true, true, true, true));
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> c = new HashMap<>();
            c.put("first_name", NAMES[i % NAMES.length]);
            c.put("city", CITIES[i % CITIES.length]);
            c.put("email", "contact" + i + "@domain" + (i % 500) + ".example");
            contacts.add(c);
        }
        // the benchmark measures what it says: signed or not
        String first = new String(((RenderedContent.Email) render()).mime(), StandardCharsets.UTF_8);
        if (first.startsWith("DKIM-Signature:") == sign.equals("plain") || !first.contains("Bonjour Marie")) {
            throw new IllegalStateException("unexpected message for sign=" + sign + ":\n" + first);
        }
    }

    // the benchmark threads' CPU time over the measurement iterations: a figure the machine's other load changes less
    // (openssl speed divides by CPU time too, unless -elapsed); JIT and GC threads are not counted
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long iterationCpu;
    private long iterationOps;
    private long measuredCpu;
    private long measuredOps;

    /** CPU time of JMH's worker threads (those that run {@link #render}; several with -t). */
    private long workersCpu() {
        long sum = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().contains("-jmh-worker-")) sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
        }
        return sum;
    }

    @Setup(Level.Iteration)
    public void iterationStart() {
        iterationCpu = workersCpu();
        iterationOps = next.get();
    }

    @TearDown(Level.Iteration)
    public void iterationEnd(IterationParams iteration) {
        if (iteration.getType() != IterationType.MEASUREMENT) return;
        measuredCpu += workersCpu() - iterationCpu;
        measuredOps += next.get() - iterationOps;
    }

    @TearDown(Level.Trial)
    public void report() {
        if (measuredCpu > 0) System.out.printf(Locale.ROOT, "%nCPU sign=%s ops=%d cpu_s=%.2f ops_per_cpu_s=%.0f%n", sign, measuredOps,
                measuredCpu / 1e9, measuredOps / (measuredCpu / 1e9));
    }

    @Benchmark
    public RenderedContent render() {
        Map<String, Object> c = contacts.get(Math.floorMod(contact.getAndIncrement(), contacts.size()));
        long id = next.getAndIncrement();
        return compiled.render(new ChannelRenderer.Recipient(id, account, "Bench Boulangerie", (String) c.get("email"), c,
                "Vous recevez ce message car vous vous êtes inscrit à la lettre de Bench Boulangerie sur bench-boulangerie.example."));
    }

    /** The one verified sender domain of the account, its key published and checked (what the real one answers from its cache). */
    record OneDomain(DkimSigningKeys keys) implements SenderDomains {

        @Override
        public boolean isVerified(UUID accountId, String domain) {
            return keys.domain().equalsIgnoreCase(domain);
        }

        @Override
        public List<SenderDomain> list(UUID accountId) {
            return List.of();
        }

        @Override
        public Optional<DkimSigningKeys> signingKeys(UUID accountId, String domain) {
            return isVerified(accountId, domain) ? Optional.of(keys) : Optional.empty();
        }

        @Override
        public boolean signingKeyPublished(UUID accountId, String domain) {
            return isVerified(accountId, domain);
        }

        @Override
        public Optional<String> returnPathDomain(UUID accountId, String domain) {
            return Optional.empty();
        }

        @Override
        public boolean isReturnPathDomain(String host) {
            return false;
        }

        @Override
        public List<InetAddress> sourceAddresses(UUID accountId) {
            return List.of();
        }
    }
}
