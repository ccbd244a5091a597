package org.fairsend.console.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.contacts.Contact;
import org.fairsend.platform.Channel;
import org.fairsend.platform.RuleViolation;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;

/**
 * What the console's one campaign page ({@link CampaignPages}) shows and saves differently for one channel: where
 * the channel's campaigns live ({@code /console/campaigns}, {@code /console/sms/campaigns}, ...), the fields of its
 * editor and what sits beside it (fragments {@code console/campaign-channels :: <code>-head}, {@code -body} and
 * {@code -side}), the form it reads, and its preview per recipient ({@code -preview}). One bean per channel:
 * {@link EmailEditor}, {@link SmsEditor}, {@link VoiceEditor}.
 */
interface CampaignEditor {

    Channel channel();

    /** The channel's code, which names its fragments. */
    default String code() {
        return channel().code();
    }

    /** The URL under which the channel's campaigns are: a campaign's page is {@code base()/<id>}. */
    String base();

    default String href(Campaign c) {
        return base() + "/" + c.id();
    }

    /** The page the campaign page goes back to, and its label. */
    String listHref();

    String listLabel();

    /** A new marketing draft of this channel, named, on the given lists (null: none yet); {@code fromName}: the account's name. */
    default CampaignService.Draft newDraft(String name, String fromName, List<UUID> lists) {
        return new CampaignService.Draft(name, channel().code(), Campaign.Kind.MARKETING.code(), null, null, null, null, null, null, null,
                lists, null, null, null, null, null, null, null);
    }

    /** The model the channel's fragments read, beside the campaign and its preflight report. */
    default void fill(Model model, Campaign c) {}

    /** Saves the editor's form (in one transaction when the channel writes more than the campaign). */
    void save(Campaign c, MultiValueMap<String, String> form);

    /** Whether the channel has a preview per recipient. */
    default boolean previewPerRecipient() {
        return true;
    }

    /** The model of the preview for {@code chosen} (null: nobody eligible yet). */
    default void preview(Model model, Campaign c, Contact chosen) {}

    /** How a sample recipient is named in the preview's list: the address this channel reaches. */
    default String address(Contact contact) {
        return contact.address(channel());
    }

    /** The lists ticked in a form. */
    static List<UUID> lists(MultiValueMap<String, String> f) {
        List<UUID> lists = new ArrayList<>();
        for (String s : f.getOrDefault("listIds", List.of())) {
            try {
                lists.add(UUID.fromString(s));
            } catch (IllegalArgumentException e) {
                throw new RuleViolation("listIds", "uuid", "unknown list");
            }
        }
        return lists;
    }

    /** The throttle of a form (blank: none). */
    static Integer throttle(MultiValueMap<String, String> f) {
        String t = f.getFirst("throttlePerMinute");
        if (t == null || t.isBlank()) return null;
        try {
            return Integer.valueOf(t.strip());
        } catch (NumberFormatException e) {
            throw new RuleViolation("throttlePerMinute", "integer", "a whole number of messages per minute");
        }
    }
}
