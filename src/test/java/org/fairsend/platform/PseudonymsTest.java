package org.fairsend.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** the hashes kept of an address are keyed, survive a restart, and an older install's hashes are re-keyed. */
@PostgresTest
class PseudonymsTest {

    @Autowired Pseudonyms pseudonyms;
    @Autowired JdbcClient jdbc;

    @Test
    void anAddressHashCannotBeRecomputedWithoutTheKeyAndIsStableAcrossRestarts() {
        String number = "+33612345678";
        String keyed = pseudonyms.address(number);
        assertThat(keyed).hasSize(64).isNotEqualTo(Pseudonyms.legacyDigest(number))
                .isNotEqualTo(Hashing.sha256Hex(number)).isNotEqualTo(Hashing.sha256Hex("fairsend-address:" + number));
        assertThat(pseudonyms.address("+33612345679")).isNotEqualTo(keyed);
        // the key is in the database, sealed (never the raw key), and a restarted node reads the same one
        String sealed = jdbc.sql("select sealed_key from platform_pseudonym_key").query(String.class).single();
        assertThat(sealed).startsWith("v1:");
        assertThat(pseudonyms.mac("consent-chain", "x")).isNotEqualTo(pseudonyms.mac("personal-data", "x"));
    }

    @Test
    void theUnkeyedHashesOfAnOlderInstallAreRekeyedWithoutThePlainAddress() {
        jdbc.sql("create table if not exists legacy_hashes_test (h varchar(64))").update();
        jdbc.sql("delete from legacy_hashes_test").update();
        for (String a : List.of("ana@example.org", "+33611111111")) {
            jdbc.sql("insert into legacy_hashes_test (h) values (?)").param(Pseudonyms.legacyDigest(a)).update();
        }
        pseudonyms.rekey(List.of(new HashedColumn("legacy_hashes_test", "h")));
        assertThat(jdbc.sql("select h from legacy_hashes_test order by h").query(String.class).list())
                .containsExactlyInAnyOrder(pseudonyms.address("ana@example.org"), pseudonyms.address("+33611111111"));
        jdbc.sql("drop table legacy_hashes_test").update();
    }
}
