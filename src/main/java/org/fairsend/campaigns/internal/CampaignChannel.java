package org.fairsend.campaigns.internal;

import java.util.List;
import org.fairsend.accounts.Account;
import org.fairsend.campaigns.Campaign;
import org.fairsend.content.Finding;
import org.fairsend.delivery.AudienceReport;
import org.fairsend.delivery.MessageTemplate;
import org.fairsend.platform.Channel;
import org.fairsend.platform.RuleViolation.Violation;

/**
 * What a campaign of one channel does differently, described once per channel (one bean each: {@link EmailCampaigns},
 * {@link SmsCampaigns}, {@link VoiceCampaignChannel}): the fields of a draft only it has, its content and sender
 * checks in the preflight, its audience findings, the template parts personalised per recipient, and the template
 * delivery sends. The lifecycle ({@link CampaignLifecycle}) and the preflight's skeleton ({@link Preflight}: the
 * account's standing, the audience, personalisation) are shared; {@link CampaignChannels} finds the bean of a channel.
 */
interface CampaignChannel {

    Channel channel();

    /**
     * Checks the fields of a draft that belong to this channel ({@code text} and {@code smsSender} as they will be
     * saved); by default a channel has no SMS sender.
     */
    default void check(Campaign current, String text, String smsSender, List<Violation> violations) {
        if (smsSender != null) violations.add(new Violation("smsSender", "channel", "only an SMS campaign has an SMS sender"));
    }

    /** The preflight's findings on what the campaign says and who sends it (content review, sender identity). */
    void contentFindings(Campaign c, Account account, List<Finding> findings);

    /** The preflight's findings on the audience by class (who is left out and why), and on its timing. */
    void audienceFindings(Campaign c, AudienceReport audience, List<Finding> findings);

    /** A part of the message personalised per recipient: its finding location, its field name and its template. */
    record Part(Finding.Location location, String field, String source) {}

    /** The parts the preflight renders for a sample of recipients (a refused template is a blocking finding). */
    default List<Part> personalised(Campaign c) {
        return List.of(new Part(Finding.Location.SUBJECT, "subject", c.subject()), new Part(Finding.Location.PREHEADER, "preheader", c.preheader()),
                new Part(Finding.Location.BODY, "html", c.html()), new Part(Finding.Location.TEXT, "text", c.text()));
    }

    /** What delivery sends for the campaign; the preflight made sure every part is there. */
    MessageTemplate template(Campaign c);
}
