package org.fairsend.platform;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Documents people upload as proof (issue 19: the screenshots and PDFs of an evidence request, a regulated account's
 * licence): what a file is, judged from its first bytes, never from its name or the type the client declared (outside
 * input is hostile), a safe name to keep it under, and the way it is given back: always as an attachment, never
 * rendered by the browser.
 */
public final class Documents {

    private Documents() {}

    /** The types accepted: a PDF, or a PNG or JPEG image. Anything else (HTML, SVG, an executable renamed .pdf) is refused. */
    public enum Type {
        PDF("application/pdf", ".pdf", '%', 'P', 'D', 'F', '-'),
        PNG("image/png", ".png", 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A),
        JPEG("image/jpeg", ".jpg", 0xFF, 0xD8, 0xFF);

        private final String mediaType;
        private final String extension;
        private final int[] magic;

        Type(String mediaType, String extension, int... magic) {
            this.mediaType = mediaType;
            this.extension = extension;
            this.magic = magic;
        }

        public String mediaType() {
            return mediaType;
        }

        private boolean starts(byte[] b) {
            if (b.length < magic.length) return false;
            for (int i = 0; i < magic.length; i++) if ((b[i] & 0xFF) != magic[i]) return false;
            return true;
        }

        /**
         * The name kept for a document: the last segment of what the client sent, without control characters, quotes or
         * separators, at most 100 characters, ending with this type's extension (so a {@code page.html} that is really a
         * PNG is kept as {@code page.png}); {@code fallback} when nothing is left.
         */
        public String safeName(String given, String fallback) {
            String n = given == null ? "" : given;
            n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
            n = n.replaceAll("[\\p{Cntrl}\"';:<>|*?%]", "").strip();
            int dot = n.lastIndexOf('.');
            if (dot > 0) n = n.substring(0, dot);
            n = n.replaceAll("^[.]+", "");
            if (n.length() > 100) n = n.substring(0, 100);
            if (n.isBlank()) n = fallback;
            return n + extension;
        }
    }

    /** The type of the bytes, or empty when they are none of the accepted types. */
    public static Optional<Type> sniff(byte[] content) {
        if (content == null) return Optional.empty();
        for (Type t : Type.values()) if (t.starts(content)) return Optional.of(t);
        return Optional.empty();
    }

    /**
     * A stored document given back: an attachment of its sniffed type, {@code nosniff}, a policy that runs nothing
     * should a browser open it anyway, and no caching (it is one account's evidence).
     */
    public static ResponseEntity<byte[]> attachment(String mediaType, String fileName, byte[] content) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(mediaType))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(content);
    }
}
