package org.fairsend.consent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * the domains of consumer mailbox providers, on which an address is a private person's, so the B2B basis
 * does not apply. The list is {@code src/main/resources/consent/consumer-mailbox-domains.txt} (its header says
 * where it comes from and how to update it), plus what the operator adds ({@link ConsumerDomainsSettings}).
 *
 * <p>An entry {@code example.com} matches the domain and its subdomains; {@code brand.*} matches the brand under
 * a country code or a common generic suffix ({@code brand.fr}, {@code brand.com}) or a second-level suffix under a
 * country code ({@code brand.co.uk}, {@code brand.com.br}, {@code brand.ne.jp}), and their subdomains;
 * {@code !example.org} is an exception the operator adds (a business domain a brand entry would catch), which wins
 * over every match. Immutable.
 */
final class ConsumerDomains {

    static final String RESOURCE = "/consent/consumer-mailbox-domains.txt";

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    /** The first label of a two-level public suffix under a country code (co.uk, com.br, ne.jp, or.at). */
    private static final Set<String> SECOND_LEVEL = Set.of("co", "com", "net", "org", "ne", "or", "gen", "ltd", "plc", "me");
    private static final Pattern COUNTRY = Pattern.compile("[a-z]{2}");
    /** The generic top-level domains a brand's consumer mail uses; a newer one (brand.events) is someone else's. */
    private static final Set<String> GENERIC = Set.of("com", "net", "org", "info", "biz", "eu");


    private final Set<String> domains;
    private final Set<String> brands;
    private final Set<String> exceptions;

    private ConsumerDomains(Set<String> domains, Set<String> brands, Set<String> exceptions) {
        this.domains = Set.copyOf(domains);
        this.brands = Set.copyOf(brands);
        this.exceptions = Set.copyOf(exceptions);
    }

    /** The list shipped with Fairsend. */
    static ConsumerDomains builtIn() {
        try (InputStream in = ConsumerDomains.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList(), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses lines in the file's format. A malformed entry is refused (a typo must not silently let consumer
     * addresses through as B2B), naming {@code source} and the line.
     */
    static ConsumerDomains parse(List<String> lines, String source) {
        Set<String> domains = new HashSet<>();
        Set<String> brands = new HashSet<>();
        Set<String> exceptions = new HashSet<>();
        int n = 0;
        for (String raw : lines) {
            n++;
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip().toLowerCase(Locale.ROOT);
            if (line.isEmpty()) continue;
            if (line.startsWith("!")) {
                String domain = line.substring(1).strip();
                if (!validDomain(domain)) throw bad(source, n, raw);
                exceptions.add(domain);
            } else if (line.endsWith(".*")) {
                String brand = line.substring(0, line.length() - 2);
                if (!LABEL.matcher(brand).matches()) throw bad(source, n, raw);
                brands.add(brand);
            } else {
                if (!validDomain(line)) throw bad(source, n, raw);
                domains.add(line);
            }
        }
        return new ConsumerDomains(domains, brands, exceptions);
    }

    private static IllegalArgumentException bad(String source, int line, String raw) {
        return new IllegalArgumentException(source + " line " + line + ": not a domain nor brand.*: '" + raw.strip() + "'");
    }

    private static boolean validDomain(String d) {
        String[] labels = d.split("\\.", -1);
        if (labels.length < 2) return false;
        for (String l : labels) if (!LABEL.matcher(l).matches()) return false;
        return true;
    }

    /** This list with another's entries added. */
    ConsumerDomains plus(ConsumerDomains other) {
        Set<String> d = new HashSet<>(domains);
        d.addAll(other.domains);
        Set<String> b = new HashSet<>(brands);
        b.addAll(other.brands);
        Set<String> x = new HashSet<>(exceptions);
        x.addAll(other.exceptions);
        return new ConsumerDomains(d, b, x);
    }

    int size() {
        return domains.size() + brands.size() + exceptions.size();
    }

    /**
     * The entry that makes {@code domain} (lower case, as in a normalised address) a consumer mailbox, e.g.
     * {@code hotmail.*} for {@code hotmail.co.uk}, or empty for a business domain.
     */
    Optional<String> match(String domain) {
        if (domain == null || domain.isBlank()) return Optional.empty();
        String[] labels = domain.strip().toLowerCase(Locale.ROOT).split("\\.");
        for (int i = 0; i < labels.length - 1; i++) {
            if (exceptions.contains(String.join(".", java.util.Arrays.copyOfRange(labels, i, labels.length)))) return Optional.empty();
        }
        // the domain itself and each parent domain, longest first
        for (int i = 0; i < labels.length - 1; i++) {
            String candidate = String.join(".", java.util.Arrays.copyOfRange(labels, i, labels.length));
            if (domains.contains(candidate)) return Optional.of(candidate);
            if (brands.contains(labels[i]) && publicSuffix(labels, i + 1)) return Optional.of(labels[i] + ".*");
        }
        return Optional.empty();
    }

    /** Whether labels[from..] form a public suffix: one label, or a second-level one under a country code. */
    private static boolean publicSuffix(String[] labels, int from) {
        int n = labels.length - from;
        if (n == 1) return GENERIC.contains(labels[from]) || COUNTRY.matcher(labels[from]).matches();
        return n == 2 && SECOND_LEVEL.contains(labels[from]) && COUNTRY.matcher(labels[from + 1]).matches();
    }

    /** The domain part of an email address, or null. */
    static String domainOf(String address) {
        if (address == null) return null;
        int at = address.lastIndexOf('@');
        return at < 0 ? null : address.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    }

    /** The entries, for a listing (domains, then brands as {@code brand.*}), sorted. */
    List<String> entries() {
        List<String> all = new ArrayList<>(domains);
        brands.forEach(b -> all.add(b + ".*"));
        exceptions.forEach(x -> all.add("!" + x));
        all.sort(null);
        return all;
    }
}
