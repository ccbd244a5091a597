package org.fairsend.consent;

/** the context in which consent was collected. */
public enum CollectionContext {
    DRAW, NEWSLETTER, PRIOR_RELATIONSHIP, OTHER;

    @com.fasterxml.jackson.annotation.JsonValue

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
