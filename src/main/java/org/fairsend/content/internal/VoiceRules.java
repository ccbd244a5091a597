package org.fairsend.content.internal;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.fairsend.content.Finding;
import org.fairsend.content.VoiceContent;
import org.fairsend.policy.Policy;

/**
 * on a voice message's transcript. The sender is named when one of its names appears as
 * consecutive words (accents and case folded, the legal form left out); the means to object is a phone
 * number libphonenumber finds in the text (never a premium-rate or shared-cost one) or an opt-out key
 * ("tapez 9", "appuyez sur la touche 9", "press 9").
 */
final class VoiceRules {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Set<String> LEGAL_FORMS = Set.of("sarl", "sas", "sasu", "eurl", "sa", "sci", "snc", "scop", "selarl",
            "scp", "ei", "eirl", "ltd", "llc", "inc", "gmbh", "et", "cie");
    private static final Pattern KEY = Pattern.compile(
            "\\b(tapez|tapant|appuyez|appuyant|pressez|composez|press|dial)\\b(\\s+(sur|la|le|touche|key|the))*\\s+([0-9]|etoile|diese|star)\\b");

    private final Screening screening;

    VoiceRules(Policy policy) {
        this.screening = new Screening(policy.content());
    }

    List<Finding> review(VoiceContent m) {
        return review(m, Lexicon.Phrases.NONE);
    }

    /** through the engine of every channel ({@link Screening}), on the transcript; R-20 on what it says. */
    List<Finding> review(VoiceContent m, Lexicon.Phrases allowed) {
        List<Finding> f = new ArrayList<>();
        String text = m.transcript() == null ? "" : m.transcript().strip();
        if (text.isEmpty()) {
            f.add(Finding.blocking("R-20", Finding.Location.TRANSCRIPT, "The message has no transcript: what it says cannot be checked.",
                    "Give the exact text of the recording."));
            return f;
        }
        var tokens = Folding.tokens(text);
        // a voicemail drop is a solicitation: X-7 always applies
        f.addAll(screening.screen(new Screening.Message().part(Finding.Location.TRANSCRIPT, text), m.approvedCategories(), true, allowed,
                Screening.names(m.senderNames())));
        if (!namesSender(tokens, m.senderNames())) {
            f.add(Finding.blocking("R-20", Finding.Location.TRANSCRIPT, "The message does not name the sender"
                    + (m.senderNames() == null || m.senderNames().isEmpty() ? "" : " (" + String.join(" or ", m.senderNames()) + ")") + ".",
                    "Say who is calling, e.g. \"Bonjour, ici " + (m.senderNames() == null || m.senderNames().isEmpty() ? "Acme"
                            : m.senderNames().iterator().next()) + ".\""));
        }
        objection(text, f);
        return f;
    }

    private static boolean namesSender(List<Folding.Token> text, Set<String> names) {
        if (names == null) return false;
        for (String name : names) {
            if (name == null) continue;
            List<String> words = new ArrayList<>(Folding.termTokens(name));
            words.removeIf(LEGAL_FORMS::contains);
            if (words.isEmpty()) continue;
            for (int i = 0; i + words.size() <= text.size(); i++) {
                boolean all = true;
                for (int k = 0; k < words.size() && all; k++) all = text.get(i + k).is(words.get(k));
                if (all) return true;
            }
        }
        return false;
    }

    private static void objection(String text, List<Finding> f) {
        boolean number = false;
        List<String> surcharged = new ArrayList<>();
        for (PhoneNumberMatch match : PHONES.findNumbers(text, "FR", PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
            PhoneNumberType type = PHONES.getNumberType(match.number());
            if (type == PhoneNumberType.PREMIUM_RATE || type == PhoneNumberType.SHARED_COST) surcharged.add(match.rawString());
            else number = true;
        }
        boolean key = KEY.matcher(Folding.fold(text)).find();
        if (!surcharged.isEmpty()) {
            f.add(Finding.blocking("R-20", Finding.Location.TRANSCRIPT, "The number given to object is surcharged: " + String.join(", ", surcharged) + ".",
                    "Give a number at the normal rate (or free), or an opt-out key."));
        }
        if (!number && !key) {
            f.add(Finding.blocking("R-20", Finding.Location.TRANSCRIPT, "The message gives no number nor means to object.",
                    "Say how to object, e.g. \"pour ne plus recevoir nos messages, tapez 9 ou appelez le 01 62 00 00 00\"."));
        }
    }
}
