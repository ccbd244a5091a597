package org.fairsend.accounts.internal;

/**
 * The document types a regulated-account application accepts (issue 19), judged from the file's first bytes, never
 * from its name or the type a client declares: PDF ({@code %PDF-}), PNG (its 8-byte signature) and JPEG
 * ({@code FF D8 FF}). Anything else (HTML, SVG, an executable renamed .pdf) is refused.
 */
final class DocumentTypes {

    static final String PDF = "application/pdf";
    static final String PNG = "image/png";
    static final String JPEG = "image/jpeg";

    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private DocumentTypes() {}

    /** The content type of the bytes, or null when they are none of the accepted types. */
    static String sniff(byte[] b) {
        if (starts(b, PDF_MAGIC)) return PDF;
        if (starts(b, PNG_MAGIC)) return PNG;
        if (starts(b, JPEG_MAGIC)) return JPEG;
        return null;
    }

    /**
     * The name kept for a document: the last segment of what the client sent, without control characters, quotes or
     * separators, at most 100 characters, ending with the extension of its sniffed type.
     */
    static String fileName(String given, String type) {
        String ext = switch (type) {
            case PDF -> ".pdf";
            case PNG -> ".png";
            default -> ".jpg";
        };
        String n = given == null ? "" : given;
        n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
        n = n.replaceAll("[\\p{Cntrl}\"';:<>|*?%]", "").strip();
        int dot = n.lastIndexOf('.');
        if (dot > 0) n = n.substring(0, dot);
        if (n.length() > 100) n = n.substring(0, 100);
        if (n.isBlank()) n = "document";
        return n + ext;
    }

    private static boolean starts(byte[] b, byte[] magic) {
        if (b.length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) if (b[i] != magic[i]) return false;
        return true;
    }
}
