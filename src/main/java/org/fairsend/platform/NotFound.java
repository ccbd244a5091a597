package org.fairsend.platform;

/** Anything the caller may not see, or that does not exist: both answer 404, so other accounts' data is never confirmed. */
public class NotFound extends RuntimeException {
    public NotFound(String what) {
        super(what + " not found");
    }
}
