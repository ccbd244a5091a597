package org.fairsend.policy;

import java.util.List;
import org.fairsend.platform.RuleViolation.Violation;

/**
 * Hosted subscription forms against bots and against being turned on a subscriber (R-2, R-3, issue 15). No
 * third-party service: a honeypot field, a signed fill time, rate limits, caps counted in the database.
 *
 * @param minFillSeconds a submission posted sooner than this after its form was rendered is refused (a person takes
 *     longer to type an address and tick a box)
 * @param fillTokenHours how long a rendered form can be posted (its signed fill token expires after that)
 * @param submissionsPerIpPerHour submissions from one source address to one account's forms, per hour
 * @param submissionsPerAddressPerHour submissions of one email address to one account's forms, per hour
 * @param confirmationMailsPerAddressPerDay confirmation mails to one address for one account in 24 hours (counted in
 *     the ledger, so the cap holds across restarts and nodes)
 * @param alreadySubscribedNoticesPerDay "you are already subscribed" notices to one address for one account in 24
 *     hours (0: never send one)
 */
public record FormPolicy(Integer minFillSeconds, Integer fillTokenHours, Integer submissionsPerIpPerHour,
        Integer submissionsPerAddressPerHour, Integer confirmationMailsPerAddressPerDay,
        Integer alreadySubscribedNoticesPerDay) {

    public FormPolicy {
        if (minFillSeconds == null) minFillSeconds = 3;
        if (fillTokenHours == null) fillTokenHours = 24;
        if (submissionsPerIpPerHour == null) submissionsPerIpPerHour = 20;
        if (submissionsPerAddressPerHour == null) submissionsPerAddressPerHour = 5;
        if (confirmationMailsPerAddressPerDay == null) confirmationMailsPerAddressPerDay = 3;
        if (alreadySubscribedNoticesPerDay == null) alreadySubscribedNoticesPerDay = 1;
    }

    public static FormPolicy defaults() {
        return new FormPolicy(null, null, null, null, null, null);
    }

    void problems(List<Violation> v) {
        if (minFillSeconds < 1 || minFillSeconds > 120) {
            v.add(new Violation("forms.minFillSeconds", "R-2", "between 1 and 120 seconds (the bot check cannot be switched off)"));
        }
        if (fillTokenHours < 1 || fillTokenHours > 168) v.add(new Violation("forms.fillTokenHours", "R-2", "between 1 and 168 hours"));
        if (submissionsPerIpPerHour < 1 || submissionsPerIpPerHour > 10_000) {
            v.add(new Violation("forms.submissionsPerIpPerHour", "R-2", "between 1 and 10000"));
        }
        if (submissionsPerAddressPerHour < 1 || submissionsPerAddressPerHour > 100) {
            v.add(new Violation("forms.submissionsPerAddressPerHour", "R-2", "between 1 and 100"));
        }
        if (confirmationMailsPerAddressPerDay < 1 || confirmationMailsPerAddressPerDay > 10) {
            v.add(new Violation("forms.confirmationMailsPerAddressPerDay", "R-3", "between 1 and 10"));
        }
        if (alreadySubscribedNoticesPerDay < 0 || alreadySubscribedNoticesPerDay > 5) {
            v.add(new Violation("forms.alreadySubscribedNoticesPerDay", "R-3", "between 0 and 5"));
        }
    }
}
