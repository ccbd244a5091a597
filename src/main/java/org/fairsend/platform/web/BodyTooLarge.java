package org.fairsend.platform.web;

/**
 * Thrown by a capped request body when its reader goes past the cap; answered 413 (see {@link BodyLimitFilter}).
 * Unchecked on purpose: message converters turn an {@code IOException} into "malformed body" (400), while this one
 * passes through them to {@link ProblemHandler} (or to the filter, for code outside Spring MVC).
 */
public final class BodyTooLarge extends RuntimeException {

    private final long cap;

    BodyTooLarge(long cap) {
        super(message(cap));
        this.cap = cap;
    }

    static String message(long cap) {
        return "the request body is larger than " + cap + " bytes, the limit of this endpoint";
    }

    public long cap() {
        return cap;
    }

    /** The BodyTooLarge somewhere in a chain of causes (a message converter or a servlet exception wraps it). */
    static BodyTooLarge in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof BodyTooLarge b) return b;
        }
        return null;
    }
}
