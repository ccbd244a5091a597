package org.fairsend.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What outside text becomes before it is stored (PostgreSQL text holds no NUL; columns have lengths). */
class TextsTest {

    @Test
    void nulsAreDroppedAndTextIsCutWithoutSplittingAPair() {
        assertThat(Texts.storable(null, 10)).isNull();
        assertThat(Texts.storable("ST\u0000OP", 10)).isEqualTo("STOP");
        assertThat(Texts.storable("abcdef", 4)).isEqualTo("abcd");
        // "ab" then U+1F600 (a surrogate pair): cutting at 3 would keep half of the pair
        assertThat(Texts.storable("ab\uD83D\uDE00", 3)).isEqualTo("ab");
        assertThat(Texts.storable("ab\uD83D\uDE00", 4)).isEqualTo("ab\uD83D\uDE00");
    }
}
