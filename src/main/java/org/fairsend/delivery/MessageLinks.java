package org.fairsend.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairsend.accounts.SenderDomains;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.Tokens;
import org.springframework.stereotype.Component;

/**
 * The addresses and links that tie what comes back to the message it is about: the VERP return path
 * ({@code b-<id>-<tag>@bounce-domain}, X-3, or {@code b-<id>-<tag>@<label>.<sender domain>} once that sender domain's
 * return-path name points at the bounce host, so SPF aligns: X-2, R-9), the mailto unsubscribe address ({@code u-<id>-<tag>@...}), the
 * Message-ID ({@code <id.tag@bounce-domain>}), and the signed one-click unsubscribe, click and open URLs (X-1,
 * R-10). Signed so that nobody can forge a bounce, a complaint, an unsubscribe or a redirect for a message they
 * did not receive (docs/ARCHITECTURE.md, "Trust boundaries").
 *
 * <p>Each tag is HMAC-SHA256 under a key derived from the platform secret, one key per use, over the kind and the
 * message id, cut to {@value #TAG_LENGTH} hex digits (96 bits): guessing one takes 2^95 tries on average. The tag
 * is deterministic, so a retried message keeps its Message-ID and return path. Nothing shorter is accepted.
 */
@Component
public class MessageLinks {

    /** Hex digits of every address and Message-ID tag: 96 bits. */
    public static final int TAG_LENGTH = 24;

    private static final Pattern LOCAL = Pattern.compile("^([bu])-([0-9a-z]{1,13})-([0-9a-f]{" + TAG_LENGTH + "})$");
    private static final Pattern MESSAGE_ID = Pattern.compile("^<?\\s*([0-9a-z]{1,13})\\.([0-9a-f]{" + TAG_LENGTH + "})@([^<>\\s]+?)\\s*>?$");
    private static final Duration LINK_LIFETIME = Duration.ofDays(3650);

    private final Tokens tokens;
    private final FairsendProperties props;
    private final Clock clock;
    private final String bounceDomain;
    private final SenderDomains senderDomains;
    private volatile byte[] tagKey;

    MessageLinks(Tokens tokens, FairsendProperties props, Clock clock, org.springframework.core.env.Environment env, SenderDomains senderDomains) {
        this.tokens = tokens;
        this.senderDomains = senderDomains;
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

    /**
     * The envelope sender of a message on a sender domain's own return-path name ({@code returnPathDomain}, from
     * {@link SenderDomains#returnPathDomain}), or on the bounce domain when it is null.
     */
    public String verpAddress(long messageId, String returnPathDomain) {
        return local("b", messageId) + "@" + (returnPathDomain == null ? bounceDomain : returnPathDomain.toLowerCase(Locale.ROOT));
    }

    /** The List-Unsubscribe mailto address of a message. */
    public String mailtoUnsubscribe(long messageId) {
        return local("u", messageId) + "@" + bounceDomain;
    }

    /**
     * The Message-ID header value of a message, {@code <id36.tag@bounce-domain>}: the tag is a MAC over the id, so a
     * report quoting it proves which message it is about ({@link #parseMessageId}).
     */
    public String messageIdHeader(long messageId) {
        return "<" + Long.toString(messageId, 36) + "." + tag("m", messageId) + "@" + bounceDomain + ">";
    }

    /**
     * The message a Message-ID names, only when it is one we wrote: the bounce domain, and a tag that verifies
     * (compared in constant time). Anything else, a right number with a made-up tag included, names nothing.
     */
    public Optional<Long> parseMessageId(String header) {
        if (header == null || header.length() > 400) return Optional.empty();
        Matcher m = MESSAGE_ID.matcher(header.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || !m.group(3).equals(bounceDomain)) return Optional.empty();
        long id;
        try {
            id = Long.parseLong(m.group(1), 36);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return same(tag("m", id), m.group(2)) ? Optional.of(id) : Optional.empty();
    }

    /**
     * What an inbound address on the bounce domain (or a sender domain's return-path name, for a bounce) means, if it
     * is one of ours and its signature holds.
     */
    public record Tagged(char kind, long messageId) {}

    public Optional<Tagged> parse(String address) {
        if (address == null) return Optional.empty();
        String a = address.trim().toLowerCase(Locale.ROOT);
        if (a.startsWith("<") && a.endsWith(">")) a = a.substring(1, a.length() - 1);
        int at = a.lastIndexOf('@');
        if (at < 0) return Optional.empty();
        Matcher m = LOCAL.matcher(a.substring(0, at));
        if (!m.matches()) return Optional.empty();
        String domain = a.substring(at + 1);
        // the mailto unsubscribe address is only ever written on the bounce domain; a return path may be on a sender
        // domain's return-path name (the tag, checked below, still decides which message it is)
        if (!domain.equals(bounceDomain) && !(m.group(1).equals("b") && senderDomains.isReturnPathDomain(domain))) return Optional.empty();
        long id;
        try {
            id = Long.parseLong(m.group(2), 36);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!same(tag(m.group(1), id), m.group(3))) return Optional.empty();
        return Optional.of(new Tagged(m.group(1).charAt(0), id));
    }

    private String local(String kind, long id) {
        return kind + "-" + Long.toString(id, 36) + "-" + tag(kind, id);
    }

    /** The keyed tag of a message for one use ({@code b} return path, {@code u} mailto unsubscribe, {@code m} Message-ID). */
    private String tag(String kind, long id) {
        byte[] full = Tokens.hmacSha256(tagKey(), (kind + ":" + Long.toString(id, 36)).getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(full, 0, TAG_LENGTH / 2);
    }

    private byte[] tagKey() {
        byte[] k = tagKey;
        if (k == null) tagKey = k = tokens.derivedKey("message-links"); // derived on first use: the secret may be in the database
        return k;
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
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
