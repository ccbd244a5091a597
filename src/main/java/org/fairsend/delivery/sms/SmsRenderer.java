package org.fairsend.delivery.sms;

import java.util.HashMap;
import java.util.Map;
import org.fairsend.content.SmsText;
import org.fairsend.delivery.ChannelRenderer;
import org.fairsend.delivery.MessageTemplate;
import org.fairsend.delivery.RenderedContent;
import org.fairsend.delivery.SmsTemplate;
import org.fairsend.delivery.Templates;
import org.fairsend.platform.Channel;
import org.fairsend.platform.RecipientLanguages;
import org.springframework.stereotype.Component;

/**
 * Renders one SMS: personalisation ({@code {{ contact.first_name }}}, a transactional message's own data at the top
 * level, {@code {{ sender.name }}}; sandboxed and within its budget, {@link Templates}), then, for a marketing SMS
 * from a personalised sender, the opt-out mention {@code STOP au <short code>} in the recipient's language
 * ({@code sms.optout} of the recipient bundle, issue 20: {@code Opt out: STOP au <short code>} in English: the mention whole in every language); the encoding and segments are
 * those of the finished text.
 */
@Component
public class SmsRenderer implements ChannelRenderer {

    private final SmsProperties props;
    private final Templates templates;

    private final RecipientLanguages languages;

    SmsRenderer(SmsProperties props, Templates templates, RecipientLanguages languages) {
        this.languages = languages;
        this.props = props;
        this.templates = templates;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public Compiled compile(MessageTemplate template) {
        SmsTemplate t = (SmsTemplate) template;
        Templates.Compiled text = templates.compile("text", t.text());
        boolean personalised = t.sender() != null && !t.sender().isBlank();
        String sender = personalised ? t.sender().strip() : props.shortCode();
        return r -> {
            Map<String, Object> bindings = new HashMap<>();
            if (!t.marketing() && r.data() != null) bindings.putAll(r.data());
            bindings.put("contact", r.data());
            bindings.put("sender", Map.of("name", r.senderName() == null ? "" : r.senderName()));
            String body = text.render(bindings).strip();
            String mention = null;
            if (t.marketing() && personalised) {
                // the mention in the recipient's language (issue 20): "STOP au 36111", "Opt out: STOP au 36111"
                mention = languages.text(r.language() == null ? RecipientLanguages.DEFAULT : r.language(), "sms.optout", props.shortCode());
                body = SmsText.withOptOut(body, props.shortCode(), mention);
            }
            SmsText.Encoding enc = SmsText.analyse(body);
            return new RenderedContent.Sms(sender, personalised, body, enc.ucs2(), enc.segments(), mention);
        };
    }
}
