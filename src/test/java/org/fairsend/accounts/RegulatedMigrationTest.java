package org.fairsend.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 19: migration V124 carries the coarse approval of regulated categories (the comma-separated
 * {@code account.approved_categories}) over as approvals ending 90 days after the upgrade, each with its audit step,
 * and clears the coarse columns. Run on PostgreSQL in a scratch schema holding accounts as they were before it.
 */
@PostgresTest
class RegulatedMigrationTest {

    @Autowired DataSource data;

    @Test
    void theCoarseApprovalIsCarriedOverAsApprovalsEndingNinetyDaysAfterTheUpgrade() throws Exception {
        String v124 = Files.readString(Path.of("src/main/resources/db/migration/V124__accounts_regulated_applications.sql"), StandardCharsets.UTF_8);
        try (Connection c = data.getConnection(); Statement st = c.createStatement()) {
            st.execute("drop schema if exists v124_check cascade; create schema v124_check; set search_path to v124_check");
            try {
                st.execute("""
                        create table account (id uuid primary key, approved_categories varchar(1000), regulated boolean not null default false);
                        insert into account values ('00000000-0000-7000-8000-000000000001', 'forex, penny-stocks', true),
                            ('00000000-0000-7000-8000-000000000002', null, false), ('00000000-0000-7000-8000-000000000003', '', false)""");
                st.execute(v124);
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("select account_id, theme, state, approved_until, licence_expires_on, decided_by"
                        + " from regulated_application order by theme")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1).substring(35) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getDate(4).toLocalDate()
                                + " " + rs.getDate(5).toLocalDate() + " " + rs.getString(6));
                    }
                }
                LocalDate end = LocalDate.now().plusDays(90);
                assertThat(rows).containsExactly("1 forex approved " + end + " " + end + " system:migration",
                        "1 penny-stocks approved " + end + " " + end + " system:migration");
                try (ResultSet rs = st.executeQuery("select count(*) from regulated_application_event where action = 'migrated' and state = 'approved'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(2);
                }
                try (ResultSet rs = st.executeQuery("select count(*) from account where approved_categories is not null or regulated")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isZero();
                }
            } finally {
                st.execute("set search_path to public; drop schema v124_check cascade");
            }
        }
    }
}
