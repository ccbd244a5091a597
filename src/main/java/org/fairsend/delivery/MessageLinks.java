package org.fairsend.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.Hashing;
import org.fairsend.platform.Tokens;
import org.springframework.stereotype.Component;

/**
 * The addresses and links that tie what comes back to the message it is about: the VERP return path
 * ({@code b-<id>-<sig>@bounce-domain}, X-3), the mailto unsubscribe address ({@code u-<id>-<sig>@...}),
 * and the signed one-click unsubscribe, click and open URLs (X-1, R-10). Signed so that nobody can forge
 * a bounce, an unsubscribe or a redirect for a message they did not receive.
 */
@Component
public class MessageLinks {

    private static final Pattern LOCAL = Pattern.compile("^([bu])-([0-9a-z]+)-([0-9a-f]{10})$");
    private static final Duration LINK_LIFETIME = Duration.ofDays(3650);

    private final Tokens tokens;
    private final FairsendProperties props;
    private final Clock clock;
    private final String bounceDomain;

    MessageLinks(Tokens tokens, FairsendProperties props, Clock clock, org.springframework.core.env.Environment env) {
        this.tokens = tokens;
        this.props = props;
        this.clock = clock;
        String configured = env.getProperty("fairsend.email.bounce-domain", "");
        this.bounceDomain = (configured.isBlank() ? "bounces.fairsend.localhost" : configured.strip()).toLowerCase(Locale.ROOT);
    }

    public String bounceDomain() {
        return bounceDomain;
    }

    /** The envelope sender of a message: bounces to it name the message. */
    public String verpAddress(long messageId) {
        return local("b", messageId) + "@" + bounceDomain;
    }

    /** The List-Unsubscribe mailto address of a message. */
    public String mailtoUnsubscribe(long messageId) {
        return local("u", messageId) + "@" + bounceDomain;
    }

    /** What an inbound address on the bounce domain means, if it is one of ours and its signature holds. */
    public record Tagged(char kind, long messageId) {}

    public Optional<Tagged> parse(String address) {
        if (address == null) return Optional.empty();
        String a = address.trim().toLowerCase(Locale.ROOT);
        if (a.startsWith("<") && a.endsWith(">")) a = a.substring(1, a.length() - 1);
        int at = a.lastIndexOf('@');
        if (at < 0 || !a.substring(at + 1).equals(bounceDomain)) return Optional.empty();
        Matcher m = LOCAL.matcher(a.substring(0, at));
        if (!m.matches()) return Optional.empty();
        long id;
        try {
            id = Long.parseLong(m.group(2), 36);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!sig(m.group(1), id).equals(m.group(3))) return Optional.empty();
        return Optional.of(new Tagged(m.group(1).charAt(0), id));
    }

    private String local(String kind, long id) {
        return kind + "-" + Long.toString(id, 36) + "-" + sig(kind, id);
    }

    private String sig(String kind, long id) {
        // a short keyed tag: tokens.sign gives a MAC over the purpose and payload
        String t = tokens.sign("verp-" + kind, Long.toString(id, 36), java.time.Instant.ofEpochSecond(4102444800L));
        return Hashing.sha256Hex(t).substring(0, 10);
    }

    public String unsubscribeUrl(long messageId) {
        return props.publicUrl() + "/u/" + tokens.sign("unsubscribe", Long.toString(messageId, 36), clock.instant().plus(LINK_LIFETIME));
    }

    public String openUrl(long messageId) {
        return props.publicUrl() + "/o/" + tokens.sign("open", Long.toString(messageId, 36), clock.instant().plus(LINK_LIFETIME));
    }

    /** A tracked link: the target travels inside the signed token, so the redirect can never be an open one. */
    public String clickUrl(long messageId, String target) {
        String payload = Long.toString(messageId, 36) + "~" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(target.getBytes(StandardCharsets.UTF_8));
        return props.publicUrl() + "/c/" + tokens.sign("click", payload, clock.instant().plus(LINK_LIFETIME));
    }

    /** The message id of an unsubscribe or open token, or {@link Tokens.InvalidToken}. */
    public long messageOf(String purpose, String token) {
        try {
            return Long.parseLong(tokens.verify(purpose, token), 36);
        } catch (NumberFormatException e) {
            throw new Tokens.InvalidToken(Tokens.Failure.MALFORMED);
        }
    }

    /** A click token's message id and target. */
    public record Click(long messageId, String target) {}

    public Click click(String token) {
        String payload = tokens.verify("click", token);
        int sep = payload.indexOf('~');
        if (sep < 0) throw new Tokens.InvalidToken(Tokens.Failure.MALFORMED);
        try {
            return new Click(Long.parseLong(payload.substring(0, sep), 36),
                    new String(Base64.getUrlDecoder().decode(payload.substring(sep + 1)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new Tokens.InvalidToken(Tokens.Failure.MALFORMED);
        }
    }
}
