package org.fairsend.campaigns;

import java.util.List;
import org.fairsend.content.SmsText;

/**
 * What an SMS will look like on the wire: the sender, the finished text with the opt-out mention
 * when one is appended, its encoding, the characters forcing UCS-2 with their GSM-7 replacements, its
 * segments, and the cost in segments for the whole audience.
 *
 * @param sampleContact whether the text was personalised for an eligible contact of the audience (else for nobody)
 * @param eligibleRecipients who would receive it (0 without an audience)
 * @param audienceSegments {@code segments} times {@code eligibleRecipients}: personalisation can change it per recipient
 */
public record SmsPreview(String sender, boolean personalisedSender, String text, boolean optOutMention, SmsText.Alphabet encoding,
        int characters, int units, int segments, int perSegment, List<SmsText.Forcing> forcing, String gsmReplacement,
        boolean sampleContact, long eligibleRecipients, long audienceSegments) {

    public static SmsPreview of(org.fairsend.delivery.RenderedContent.Sms sms, boolean sampleContact, long eligible) {
        SmsText.Encoding e = SmsText.analyse(sms.text());
        int per = e.segments() <= 1 ? (e.ucs2() ? SmsText.UCS2_SINGLE : SmsText.GSM_SINGLE) : (e.ucs2() ? SmsText.UCS2_PART : SmsText.GSM_PART);
        return new SmsPreview(sms.sender(), sms.alphanumericSender(), sms.text(), sms.optOutMention() != null,
                e.encoding(), e.characters(), e.units(), e.segments(), per, e.forcing(), e.gsmReplacement(), sampleContact, eligible,
                eligible * e.segments());
    }

    /** Whether the text goes in UCS-2 (70 characters per SMS instead of 160). */
    public boolean ucs2() {
        return encoding == SmsText.Alphabet.UCS_2;
    }
}
