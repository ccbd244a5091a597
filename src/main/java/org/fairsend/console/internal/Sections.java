package org.fairsend.console.internal;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The console's areas today; SMS, voice, call tracking and reputation add their own {@link ConsoleSection} beans. */
final class Sections {

    private Sections() {}

    @Component
    static class Home implements ConsoleSection {
        @Override
        public List<NavLink> links(ConsoleUser u) {
            return List.of(u.operator() ? new NavLink("Accounts", "/console/operator", 0) : new NavLink("Home", "/console", 0));
        }
    }

    /** Contacts, imports and subscription forms (the contacts and consent modules). */
    @Component
    static class Contacts implements ConsoleSection {
        @Override
        public List<NavLink> links(ConsoleUser u) {
            if (u.operator()) return List.of();
            return List.of(new NavLink("Contacts", "/console/contacts", 20), new NavLink("Imports", "/console/imports", 25),
                    new NavLink("Forms", "/console/forms", 40));
        }
    }

    /** Email campaigns and sender domains; on the home page the running campaigns with live progress. */
    @Component
    static class Email implements ConsoleSection {
        @Override
        public List<NavLink> links(ConsoleUser u) {
            if (u.operator()) return List.of();
            return List.of(new NavLink("Campaigns", "/console/campaigns", 30), new NavLink("Sender domains", "/console/sender-domains", 35));
        }

        @Override
        public List<HomePanel> homePanels(ConsoleUser u) {
            return List.of(new HomePanel(ConsoleSection.Slot.ACTIVITY, "Running campaigns", "console/campaigns-parts :: running-poll", Map.of(), 10));
        }
    }

    /** The account's console users (admins only) and the operator's desk. */
    @Component
    static class People implements ConsoleSection {
        @Override
        public List<NavLink> links(ConsoleUser u) {
            if (u.operator()) return List.of(new NavLink("Policy", "/console/operator/policy", 20),
                    new NavLink("Operators", "/console/operator/users", 90));
            return u.admin() ? List.of(new NavLink("Users", "/console/users", 90)) : List.of();
        }
    }
}
