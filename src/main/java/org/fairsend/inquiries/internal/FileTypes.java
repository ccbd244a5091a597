package org.fairsend.inquiries.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * What an attached file is, read from its first bytes, never from its name or the type the client declared (outside
 * input is hostile): a PNG or JPEG screenshot, or a PDF. Anything else is refused.
 */
enum FileTypes {
    PNG("image/png", "png"), JPEG("image/jpeg", "jpg"), PDF("application/pdf", "pdf");

    private final String mediaType;
    private final String extension;

    FileTypes(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    String mediaType() {
        return mediaType;
    }

    static Optional<FileTypes> sniff(byte[] b) {
        if (b == null) return Optional.empty();
        if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return Optional.of(PNG);
        if (starts(b, 0xFF, 0xD8, 0xFF)) return Optional.of(JPEG);
        if (starts(b, '%', 'P', 'D', 'F', '-')) return Optional.of(PDF);
        return Optional.empty();
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) if ((b[i] & 0xFF) != magic[i]) return false;
        return true;
    }

    /**
     * A safe file name for the download: letters, digits, dot, dash and underscore only, at most 100 characters, with the
     * extension of the sniffed type (so a {@code page.html} that is really a PNG is served as {@code page.html.png}).
     */
    String safeName(String given) {
        String base = given == null ? "" : given.replaceAll(".*[/\\\\]", "");
        base = base.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._]+", "");
        if (base.length() > 100) base = base.substring(0, 100);
        if (base.isBlank()) base = "evidence";
        String lower = base.toLowerCase(Locale.ROOT);
        boolean hasExt = lower.endsWith("." + extension) || (this == JPEG && lower.endsWith(".jpeg"));
        return hasExt ? base : base + "." + extension;
    }
}
