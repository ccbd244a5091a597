package org.fairsend.console.internal;

import java.util.List;
import java.util.Map;

/**
 * One area of the console (contacts, email, users, the operator's desk; later SMS, voice, call tracking,
 * reputation): the navigation links it adds for a user and the panels it puts on the account home page.
 * A new channel plugs in with one such bean for its area (navigation, its list page), a {@link CampaignEditor} for
 * its campaigns on the one campaign page, and its fragments in {@code templates/console/campaign-channels.html},
 * calling its module's public API; no existing page changes.
 */
interface ConsoleSection {

    /** A link in the navigation bar; {@code order} places it (lower first). */
    record NavLink(String label, String href, int order) {}

    /**
     * A panel on the home page: the Thymeleaf fragment ({@code console/campaigns-parts :: running-poll}), which
     * reads its data as {@code ${p.model()}} (or loads it by htmx from its own controller); {@code slot} places it
     * ({@link Slot}).
     */
    record HomePanel(Slot slot, String title, String fragment, Map<String, Object> model, int order) {}

    /**
     * Where a panel goes: the home page's {@code INDICATORS} (charts against their thresholds, above) or
     * {@code ACTIVITY}; a campaign's page ({@code CAMPAIGN}); the operator's page of an account ({@code SANCTIONS}
     * beside the activity).
     */
    enum Slot {
        INDICATORS, ACTIVITY, CAMPAIGN, SANCTIONS
    }

    List<NavLink> links(ConsoleUser user);

    default List<HomePanel> homePanels(ConsoleUser user) {
        return List.of();
    }


    /**
     * How close an account is to a threshold: {@code value} 0 (far) to 1 (at it), or null when the sample is too small
     * to judge (R-14: the breaker's own minimum sample), with {@code sent} the messages it was measured on.
     */
    record Risk(Double value, long sent) {
        public boolean judged() {
            return value != null;
        }
    }

    /**
     * How close the account is to a threshold, when this section knows (the reputation section will): the operator's
     * accounts list puts the highest first, and says "too few messages to judge" rather than a rate on two mails.
     */
    default java.util.Optional<Risk> risk(java.util.UUID accountId) {
        return java.util.Optional.empty();
    }

    /**
     * Panels on a campaign's page, the account's and the operator's (the reputation section shows there what
     * suspended it); the fragment reads {@code ${p.model()}}.
     */
    default List<HomePanel> campaignPanels(ConsoleUser user, org.fairsend.campaigns.Campaign campaign) {
        return List.of();
    }

    /**
     * Panels on the operator's page of one account (indicators, sanctions history and penalty lines plug in
     * here); the fragment reads {@code ${p.model()}}.
     */
    default List<HomePanel> operatorAccountPanels(ConsoleUser operator, java.util.UUID accountId) {
        return List.of();
    }
}
