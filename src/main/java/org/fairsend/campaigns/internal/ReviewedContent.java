package org.fairsend.campaigns.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.ContentReviews.Content;
import org.fairsend.platform.Channel;
import org.jsoup.Jsoup;
import org.springframework.stereotype.Component;

/**
 * What the operator reviews of a campaign, for every channel: its parts as text, and the hash an approval is
 * bound to (subject, preheader, HTML, text part, sender name, SMS sender, the voice recording and its transcript):
 * any edit of what the recipients read or hear changes it, so an approval never covers content it did not see.
 */
@Component
class ReviewedContent {

    private final CampaignStore store;
    private final VoiceMessages voice;

    ReviewedContent(CampaignStore store, VoiceMessages voice) {
        this.store = store;
        this.voice = voice;
    }

    Content of(Campaign c) {
        return switch (c.channel()) {
            case EMAIL -> new Content(c.subject(), c.preheader(), c.text(),
                    c.html() == null || c.html().isBlank() ? null : text(c.html()), null, null);
            case SMS -> new Content(null, null, null, null, c.text(), null);
            case VOICE -> new Content(null, null, null, null, null, transcript(c));
        };
    }

    /** The HTML's text (hidden text included: the operator reads all of it), a line per block and line break. */
    static String text(String html) {
        StringBuilder b = new StringBuilder();
        org.jsoup.select.NodeTraversor.traverse(new org.jsoup.select.NodeVisitor() {
            @Override
            public void head(org.jsoup.nodes.Node node, int depth) {
                if (node instanceof org.jsoup.nodes.TextNode t) b.append(t.text());
                else if (node instanceof org.jsoup.nodes.Element e && (e.isBlock() || e.nameIs("br"))) newline(b);
            }

            @Override
            public void tail(org.jsoup.nodes.Node node, int depth) {
                if (node instanceof org.jsoup.nodes.Element e && e.isBlock()) newline(b);
            }
        }, Jsoup.parse(html).body());
        return b.toString().replaceAll("[ \t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }

    private static void newline(StringBuilder b) {
        if (!b.isEmpty() && b.charAt(b.length() - 1) != '\n') b.append('\n');
    }

    private String transcript(Campaign c) {
        var row = store.voice(c.id());
        if (row.voiceMessageId() == null) return null;
        return voice.find(c.accountId(), row.voiceMessageId()).map(VoiceMessages.VoiceMessage::transcript).orElse(null);
    }

    String hash(Campaign c) {
        List<String> parts = new ArrayList<>(List.of(c.channel().code()));
        parts.add(c.subject());
        parts.add(c.preheader());
        parts.add(c.html());
        parts.add(c.text());
        parts.add(c.fromName());
        parts.add(c.smsSender());
        if (c.channel() == Channel.VOICE) {
            var row = store.voice(c.id());
            parts.add(row.voiceMessageId() == null ? null : row.voiceMessageId().toString());
            parts.add(transcript(c));
        }
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                // length-prefixed, null distinct from empty: no two contents share an encoding
                byte[] b = p == null ? new byte[0] : p.getBytes(StandardCharsets.UTF_8);
                d.update(((p == null ? "-" : Integer.toString(b.length)) + ":").getBytes(StandardCharsets.US_ASCII));
                d.update(b);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
