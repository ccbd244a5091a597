package org.fairsend.contacts;

import java.util.Set;

/** The subscription states a contact has per channel. */
public final class SubscriptionState {

    public static final String NONE = "none";
    public static final String UNCONFIRMED = "unconfirmed";
    public static final String SUBSCRIBED = "subscribed";
    public static final String UNSUBSCRIBED = "unsubscribed";
    public static final String BOUNCED = "bounced";
    public static final String COMPLAINED = "complained";

    public static final Set<String> ALL = Set.of(NONE, UNCONFIRMED, SUBSCRIBED, UNSUBSCRIBED, BOUNCED, COMPLAINED);

    /** States an import may not overturn: the person said no, or the address does not work. */
    public static final Set<String> STOPPED = Set.of(UNSUBSCRIBED, BOUNCED, COMPLAINED);

    private SubscriptionState() {}
}
