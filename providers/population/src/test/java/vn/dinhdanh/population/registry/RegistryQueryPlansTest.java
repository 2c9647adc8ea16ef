package vn.dinhdanh.population.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every query of the login and admin paths is served by an index, checked with EXPLAIN on a
 * table large enough (200,000 citizens, analysed) that the planner would rather scan if it could.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryQueryPlansTest {

    private RegistryTestDatabase database;

    @BeforeAll
    void start() throws Exception {
        database = new RegistryTestDatabase();
        database.execute(
                "INSERT INTO citizen (id_number, full_name, birth_date, sex, ethnicity, religion, place_of_origin, place_of_residence)"
                        + " SELECT '0010' || lpad(((g % 90) + 10)::text, 2, '0') || lpad(g::text, 6, '0'),"
                        + " (ARRAY['Nguyễn','Trần','Lê','Phạm'])[1 + g % 4] || ' Văn ' || g, date '1950-01-01' + (g % 20000),"
                        + " 'M', 'Kinh', 'Không', 'Hà Nội', 'Hà Nội' FROM generate_series(1, 200000) g",
                "INSERT INTO card (id_number, card_number, issue_date, expiry_date, status)"
                        + " SELECT id_number, id_number, date '2022-01-01', null, 'active' FROM citizen",
                "INSERT INTO citizen_change (id_number) SELECT id_number FROM citizen LIMIT 50000",
                "ANALYZE citizen", "ANALYZE card", "ANALYZE citizen_change");
    }

    @AfterAll
    void stop() throws Exception {
        database.close();
    }

    private String plan(String sql, Object... parameters) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setObject(i + 1, parameters[i]);
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    @Test
    @DisplayName("lookup by number: primary key, newest card by card_by_citizen")
    void byIdNumber() throws Exception {
        String plan = plan(RegistryClient.BY_ID_NUMBER, "001010000042");
        assertThat(plan).doesNotContain("Seq Scan").contains("citizen_pkey").contains("card_by_citizen");
    }

    @Test
    @DisplayName("search by name prefix: citizen_name_prefix")
    void byNamePrefix() throws Exception {
        String plan = plan(RegistryClient.BY_NAME_PREFIX, "trần văn 12%", 20, 0);
        assertThat(plan).doesNotContain("Seq Scan").contains("citizen_name_prefix");
    }

    @Test
    @DisplayName("change feed: primary key range")
    void changesSince() throws Exception {
        String plan = plan(RegistryClient.CHANGES_SINCE, 49_000L, 1000);
        assertThat(plan).doesNotContain("Seq Scan").contains("citizen_change_pkey");
    }
}
