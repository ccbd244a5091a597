package org.fairsend.feedback.classify;

/**
 * What one inbound message can make the classifier do (issue 13): it runs inline in the SMTP session and in the
 * webhooks, so its work is bounded whatever the input. Technical bounds of the parser, far above any real report
 * (the corpus's largest report text is 14 KB, its longest recipient paragraph 1.3 KB, and a report names at most 7
 * recipients), not policy.
 */
final class ParseLimits {

    /** Bytes of a message taken apart as MIME (the listener accepts 10 MB; the rest is a returned original's body). */
    static final int MAX_MIME = 1024 * 1024;
    /** Header fields kept of one header block (a real message has a few dozen; the rest are not read). */
    static final int MAX_HEADERS = 1000;
    /** Levels of parts walked into (the corpus nests multiparts 3 deep). */
    static final int MAX_DEPTH = 5;
    /** Characters kept of each readable part, delivery-status and feedback-report body (the rest is not read). */
    static final int MAX_TEXT = 64 * 1024;
    /** Characters of the lines about one recipient (its paragraph in the report) kept as its evidence. */
    static final int MAX_CHUNK = 8 * 1024;
    /** Recipients reported for one message; those past it are not reported. */
    static final int MAX_RECIPIENTS = 100;

    private ParseLimits() {}

    static String cut(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }
}
