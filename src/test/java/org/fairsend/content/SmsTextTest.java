package org.fairsend.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GSM 03.38 or UCS-2, units and segments (160/153, 70/67) on real French text. */
class SmsTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # text | encoding | units (GSM-7: septets, the extension characters count 2; UCS-2: UTF-16 units) | segments | forcing
            Bonjour Camille, votre commande est arrivée, à retirer dès demain. | GSM-7 | 66 | 1 | -
            Soldes d'été : -50 % sur les chaussures, 39 € au lieu de 78 € ! | GSM-7 | 65 | 1 | -
            Crème brûlée offerte ce soir | UCS-2 | 28 | 1 | û
            L’équipe vous remercie | UCS-2 | 22 | 1 | ’
            Bientôt Noël 🎄 | UCS-2 | 15 | 1 | ô ë 🎄
            Offre {spéciale} [web] ~ ^ \\ fin | GSM-7 | 39 | 1 | -
            Ça commence à Noël | UCS-2 | 18 | 1 | ë
            """, commentCharacter = '#')
    void encodingAndUnits(String text, String encoding, int units, int segments, String forcing) {
        SmsText.Encoding e = SmsText.analyse(text);
        assertThat(e.encoding().label()).isEqualTo(encoding);
        assertThat(e.units()).isEqualTo(units);
        assertThat(e.segments()).isEqualTo(segments);
        assertThat(e.forcing().isEmpty() ? "-" : String.join(" ", e.forcing().stream().map(SmsText.Forcing::character).toList()))
                .isEqualTo(forcing);
    }

    @Test
    void segmentLimitsAre160And153SeptetsOr70And67Units() {
        assertThat(SmsText.analyse("a".repeat(160)).segments()).isEqualTo(1);
        assertThat(SmsText.analyse("a".repeat(161)).segments()).isEqualTo(2);
        assertThat(SmsText.analyse("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsText.analyse("a".repeat(307)).segments()).isEqualTo(3);
        // the euro sign counts two septets: 80 of them fill one SMS, 81 need two
        assertThat(SmsText.analyse("€".repeat(80)).units()).isEqualTo(160);
        assertThat(SmsText.analyse("€".repeat(80)).segments()).isEqualTo(1);
        assertThat(SmsText.analyse("€".repeat(81)).segments()).isEqualTo(2);
        // an escape and its character never straddle two segments: 152 septets + € = 154 > 153
        var parts = SmsText.analyse("a".repeat(152) + "€" + "b".repeat(10)).parts();
        assertThat(parts.getFirst()).isEqualTo("a".repeat(152));
        assertThat(SmsText.analyse("ê".repeat(70)).segments()).isEqualTo(1);
        assertThat(SmsText.analyse("ê".repeat(71)).segments()).isEqualTo(2);
        assertThat(SmsText.analyse("ê".repeat(134)).segments()).isEqualTo(2);
        assertThat(SmsText.analyse("ê".repeat(135)).segments()).isEqualTo(3);
        // an emoji is two UCS-2 units and is never cut in half
        var emoji = SmsText.analyse("é".repeat(66) + "😀" + "x");
        assertThat(emoji.units()).isEqualTo(69);
        assertThat(SmsText.analyse("é".repeat(66) + "😀".repeat(3)).parts().getFirst()).isEqualTo("é".repeat(66));
    }

    @Test
    void charactersForcingUcs2AreOfferedTheirGsmReplacement() {
        var e = SmsText.analyse("L’offre « spéciale » arrive bientôt\u00a0: 2\u202f€ seulement");
        assertThat(e.ucs2()).isTrue();
        assertThat(e.forcing()).extracting(SmsText.Forcing::codePoint).containsExactly("U+2019", "U+00AB", "U+00BB", "U+00F4", "U+00A0", "U+202F");
        assertThat(e.gsmReplacement()).isEqualTo("L'offre \" spéciale \" arrive bientot : 2 € seulement");
        assertThat(SmsText.analyse(e.gsmReplacement()).encoding().label()).isEqualTo("GSM-7");
        // an emoji has no replacement: no GSM-7 version is offered
        assertThat(SmsText.analyse("Joyeux Noël 🎅").gsmReplacement()).isNull();
    }

    @Test
    void theOptOutMentionIsPartOfTheCount() {
        String text = "a".repeat(150);
        assertThat(SmsText.analyse(text).segments()).isEqualTo(1);
        assertThat(SmsText.analyse(SmsText.withOptOut(text, "36111")).segments()).isEqualTo(2);
        assertThat(SmsText.withOptOut("Bonjour", "36111")).isEqualTo("Bonjour\nSTOP au 36111");
        assertThat(SmsText.withOptOut("Bonjour. Stop au  36111 ", "36111")).isEqualTo("Bonjour. Stop au  36111"); // never twice
    }

    @Test
    void gsmBytesRoundTrip() {
        String s = "Prix : 3€ {promo} à Noël? é ù";
        String gsm = SmsText.toGsm(s);
        assertThat(SmsText.fromGsmBytes(SmsText.gsmBytes(gsm))).isEqualTo(gsm);
        assertThat(SmsText.gsmBytes("€")).containsExactly(0x1b, 0x65);
        assertThat(SmsText.gsmBytes("@")).containsExactly(0x00);
    }
}
