package vn.dinhdanh.population.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.ds.PGSimpleDataSource;
import vn.dinhdanh.population.idnumber.PersonalIdNumber;
import vn.dinhdanh.population.idnumber.Sex;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryClientTest {

    private RegistryTestDatabase database;
    private RegistryClient registry;

    @BeforeAll
    void start() throws Exception {
        database = new RegistryTestDatabase();
        registry = new RegistryClient(database.dataSource());
        database.execute(
                "INSERT INTO citizen (id_number, full_name, birth_date, sex, ethnicity, religion, place_of_origin, place_of_residence, eid_level)"
                        + " VALUES ('001090123456', 'Nguyễn Văn An', '1990-03-04', 'M', 'Kinh', 'Không', 'Hà Nội', 'Số 1 Lê Lợi, Hà Nội', 2),"
                        + " ('079185000001', 'Nguyễn Thị Bình', '1985-12-01', 'F', 'Kinh', 'Phật giáo', 'Huế', 'TP. Hồ Chí Minh', 1),"
                        + " ('048203000007', 'Trần 100% Cường_', '2003-01-01', 'M', 'Kinh', 'Không', 'Đà Nẵng', 'Đà Nẵng', 0)",
                "INSERT INTO card (id_number, card_number, issue_date, expiry_date, status) VALUES"
                        + " ('001090123456', '001090123456', '2019-01-01', '2030-03-04', 'replaced'),"
                        + " ('001090123456', '001090123456', '2022-05-05', '2030-03-04', 'active')");
    }

    @AfterAll
    void stop() throws Exception {
        database.close();
    }

    @Nested
    @DisplayName("find")
    class Find {

        @Test
        @DisplayName("returns the record with its newest card")
        void withNewestCard() throws Exception {
            CitizenRecord record = registry.find(PersonalIdNumber.parse("001090123456")).orElseThrow();
            assertThat(record.fullName()).isEqualTo("Nguyễn Văn An");
            assertThat(record.birthDate()).isEqualTo(LocalDate.of(1990, 3, 4));
            assertThat(record.sex()).isEqualTo(Sex.MALE);
            assertThat(record.eidLevel()).isEqualTo(2);
            assertThat(record.card().issueDate()).isEqualTo(LocalDate.of(2022, 5, 5));
            assertThat(record.card().status()).isEqualTo(CitizenRecord.CardStatus.ACTIVE);
            assertThat(record.toString()).doesNotContain("Nguyễn", "001090123456");
        }

        @Test
        @DisplayName("a citizen without a card has none; an unknown number finds nothing")
        void noCardAndUnknown() throws Exception {
            assertThat(registry.find(PersonalIdNumber.parse("079185000001")).orElseThrow().card()).isNull();
            assertThat(registry.find(PersonalIdNumber.parse("001090999999"))).isEmpty();
        }
    }

    @Nested
    @DisplayName("search by name prefix")
    class Search {

        @Test
        @DisplayName("is case-insensitive, ordered and paged")
        void paged() {
            assertThat(registry.searchByNamePrefix("nguyễn", 0, 10)).extracting(CitizenRecord::fullName)
                    .containsExactly("Nguyễn Thị Bình", "Nguyễn Văn An");
            assertThat(registry.searchByNamePrefix("Nguyễn", 1, 10)).extracting(CitizenRecord::fullName)
                    .containsExactly("Nguyễn Văn An");
            assertThat(registry.searchByNamePrefix("Nguyễn", 0, 1)).hasSize(1);
        }

        @Test
        @DisplayName("treats %, _ and quotes as plain characters")
        void hostile() {
            assertThat(registry.searchByNamePrefix("%", 0, 10)).isEmpty();
            assertThat(registry.searchByNamePrefix("_", 0, 10)).isEmpty();
            assertThat(registry.searchByNamePrefix("Trần 100%", 0, 10)).extracting(CitizenRecord::fullName)
                    .containsExactly("Trần 100% Cường_");
            assertThat(registry.searchByNamePrefix("' OR 1=1 --", 0, 10)).isEmpty();
            assertThat(registry.searchByNamePrefix("x".repeat(RegistryClient.MAX_PREFIX + 1), 0, 10)).isEmpty();
            assertThat(registry.searchByNamePrefix("  ", 0, 10)).isEmpty();
        }

        @Test
        @DisplayName("never returns more than a page")
        void capped() throws Exception {
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < RegistryClient.MAX_PAGE + 20; i++) {
                rows.add(String.format(Locale.ROOT,
                        "('0350900%05d', 'Lê Văn %05d', '1990-01-01', 'M', 'Kinh', 'Không', 'Hà Nam', 'Hà Nam', 0)", i, i));
            }
            database.execute("INSERT INTO citizen (id_number, full_name, birth_date, sex, ethnicity, religion, place_of_origin, "
                    + "place_of_residence, eid_level) VALUES " + String.join(",", rows));
            assertThat(registry.searchByNamePrefix("Lê Văn", 0, Integer.MAX_VALUE)).hasSize(RegistryClient.MAX_PAGE);
        }
    }

    @Test
    @DisplayName("the change feed records updates of citizens and cards, in order")
    void changeFeed() throws Exception {
        database.execute(
                "INSERT INTO citizen (id_number, full_name, birth_date, sex, ethnicity, religion, place_of_origin, place_of_residence)"
                        + " VALUES ('031090000011', 'Phạm Văn Đức', '1990-06-01', 'M', 'Kinh', 'Không', 'Hải Phòng', 'Hải Phòng'),"
                        + " ('031190000012', 'Phạm Thị Hoa', '1990-07-01', 'F', 'Kinh', 'Không', 'Hải Phòng', 'Hải Phòng')",
                "INSERT INTO card (id_number, card_number, issue_date, status) VALUES ('031090000011', '031090000011', '2021-06-01', 'active')");
        long before = registry.lastChange();
        database.execute("UPDATE citizen SET life_status = 'deceased' WHERE id_number = '031190000012'",
                "UPDATE card SET status = 'revoked' WHERE id_number = '031090000011'");
        List<RegistryClient.Change> changes = registry.changesSince(before, 10);
        assertThat(changes).extracting(RegistryClient.Change::idNumber).containsExactly("031190000012", "031090000011");
        assertThat(registry.lastChange()).isEqualTo(changes.get(1).seq());
        assertThat(LoginRefusal.of(registry.find(PersonalIdNumber.parse("031190000012"))))
                .contains(LoginRefusal.CITIZEN_DECEASED);
        assertThat(LoginRefusal.of(registry.find(PersonalIdNumber.parse("031090000011"))))
                .contains(LoginRefusal.CARD_REVOKED);
    }

    @Test
    @DisplayName("an unreachable registry is reported as registry_unavailable")
    void unavailable() throws Exception {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/registry");
        nowhere.setConnectTimeout(2);
        RegistryClient down = new RegistryClient(nowhere);
        assertThatThrownBy(() -> down.find(PersonalIdNumber.parse("001090123456")))
                .isInstanceOf(RegistryUnavailableException.class).hasMessageStartingWith("registry_unavailable");
    }

    @Test
    @DisplayName("a role with SELECT only cannot change the registry")
    void readOnlyRole() throws Exception {
        database.execute("CREATE ROLE reader_test LOGIN", "GRANT SELECT ON citizen, card, citizen_change TO reader_test");
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET ROLE reader_test");
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM citizen")) {
                assertThat(rows.next()).isTrue();
            }
            assertThatThrownBy(() -> statement.execute("UPDATE citizen SET blocked = true"))
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    @DisplayName("refusal rules")
    void refusals() throws Exception {
        CitizenRecord alive = registry.find(PersonalIdNumber.parse("048203000007")).orElseThrow();
        assertThat(LoginRefusal.of(Optional.of(alive))).isEmpty();
        assertThat(LoginRefusal.of(Optional.empty())).contains(LoginRefusal.CITIZEN_UNKNOWN);
        CitizenRecord inconsistent = new CitizenRecord(alive.idNumber(), alive.fullName(), alive.birthDate(), Sex.FEMALE,
                "VN", "Kinh", "Không", "x", "y", 0, false, false, alive.updatedAt(), null);
        assertThat(LoginRefusal.of(Optional.of(inconsistent))).contains(LoginRefusal.RECORD_INCONSISTENT);
        CitizenRecord blocked = new CitizenRecord(alive.idNumber(), alive.fullName(), alive.birthDate(), alive.sex(),
                "VN", "Kinh", "Không", "x", "y", 0, false, true, alive.updatedAt(), null);
        assertThat(LoginRefusal.of(Optional.of(blocked))).contains(LoginRefusal.CITIZEN_BLOCKED);
        CitizenRecord lost = new CitizenRecord(alive.idNumber(), alive.fullName(), alive.birthDate(), alive.sex(),
                "VN", "Kinh", "Không", "x", "y", 0, false, false, alive.updatedAt(),
                new CitizenRecord.Card("048203000007", LocalDate.of(2021, 1, 1), null, CitizenRecord.CardStatus.LOST));
        assertThat(LoginRefusal.of(Optional.of(lost))).contains(LoginRefusal.CARD_LOST);
        assertThat(LoginRefusal.CARD_LOST.messageKey()).isEqualTo("dinhdanh.population.card_lost");
    }
}
