package vn.dinhdanh.population.idnumber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Year;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalIdNumberTest {

    @Nested
    @DisplayName("decoding")
    class Decoding {

        @ParameterizedTest(name = "{0}: {2} born {3}")
        @CsvSource({
                "001090123456, 001, MALE, 1990",
                "079185000001, 079, FEMALE, 1985",
                "048203999999, 048, MALE, 2003",
                "031324000000, 031, FEMALE, 2024",
                "096599123456, 096, FEMALE, 2199",
                "001400000000, 001, MALE, 2100"})
        void decodes(String number, String province, Sex sex, int year) throws Exception {
            PersonalIdNumber id = PersonalIdNumber.parse(number);
            assertThat(id.provinceCode()).isEqualTo(province);
            assertThat(id.sex()).isEqualTo(sex);
            assertThat(id.birthYear()).isEqualTo(Year.of(year));
            assertThat(id.value()).isEqualTo(number);
        }

        @Test
        @DisplayName("composing and decoding agree")
        void roundTrip() throws Exception {
            PersonalIdNumber id = PersonalIdNumber.of("079", Sex.FEMALE, 2003, 42);
            assertThat(id.value()).isEqualTo("079303000042");
            assertThat(PersonalIdNumber.parse(id.value())).isEqualTo(id);
            assertThat(id.agreesWith(Sex.FEMALE, Year.of(2003))).isTrue();
        }

        @Test
        @DisplayName("the prefix is the first six digits: province, century and sex, birth year")
        void prefix() {
            assertThat(PersonalIdNumber.prefix("079", Sex.FEMALE, 2003)).isEqualTo("079303");
            assertThat(PersonalIdNumber.prefix("001", Sex.MALE, 1990)).isEqualTo("001090");
            assertThatThrownBy(() -> PersonalIdNumber.prefix("999", Sex.MALE, 1990)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("province");
            assertThatThrownBy(() -> PersonalIdNumber.prefix("079", Sex.MALE, 1899)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("birth year");
        }

        @Test
        @DisplayName("a serial outside six digits is refused as the serial")
        void serialOutOfRange() {
            assertThatThrownBy(() -> PersonalIdNumber.of("079", Sex.FEMALE, 2003, 1_000_000)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("serial");
            assertThatThrownBy(() -> PersonalIdNumber.of("079", Sex.FEMALE, 2003, -1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("serial");
            assertThat(PersonalIdNumber.of("079", Sex.FEMALE, 2003, 999_999).value()).isEqualTo("079303999999");
        }

        @Test
        @DisplayName("composed in ASCII digits whatever the JVM's default locale (Arabic-Indic digits otherwise)")
        void composedInAsciiDigitsInAnyLocale() {
            Locale before = Locale.getDefault();
            try {
                Locale.setDefault(Locale.forLanguageTag("ar-EG"));
                assertThat(PersonalIdNumber.of("079", Sex.FEMALE, 2003, 42).value()).isEqualTo("079303000042");
                assertThat(PersonalIdNumber.prefix("079", Sex.FEMALE, 2003)).isEqualTo("079303");
            } finally {
                Locale.setDefault(before);
            }
        }

        @Test
        @DisplayName("digits 4-6 must agree with the record's sex and birth year")
        void agreement() throws Exception {
            PersonalIdNumber id = PersonalIdNumber.parse("001090123456");
            assertThat(id.agreesWith(Sex.MALE, Year.of(1990))).isTrue();
            assertThat(id.agreesWith(Sex.FEMALE, Year.of(1990))).isFalse();
            assertThat(id.agreesWith(Sex.MALE, Year.of(2090))).isFalse();
            assertThat(id.agreesWith(Sex.MALE, Year.of(1991))).isFalse();
        }

        @Test
        @DisplayName("toString masks the number")
        void masked() throws Exception {
            assertThat(PersonalIdNumber.parse("001090123456").toString()).isEqualTo("001*******56");
        }
    }

    @Nested
    @DisplayName("rejects before any query")
    class Rejects {

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"", "00109012345", "0010901234567", "00109012345a", "001090 23456",
                "' OR '1'='1", "001090123456;", "00109012345\u0000", "٠٠١٠٩٠١٢٣٤٥٦", "００１０９０１２３４５６", "+01090123456", "-01090123456"})
        void malformed(String input) {
            assertThatThrownBy(() -> PersonalIdNumber.parse(input))
                    .isInstanceOfSatisfying(InvalidIdNumberException.class,
                            e -> assertThat(e.code()).isEqualTo(InvalidIdNumberException.Code.ID_NUMBER_MALFORMED))
                    .hasMessage("id_number_malformed");
        }

        @Test
        @DisplayName("null and overlong input")
        void nullAndOverlong() {
            assertThatThrownBy(() -> PersonalIdNumber.parse(null)).isInstanceOf(InvalidIdNumberException.class);
            assertThatThrownBy(() -> PersonalIdNumber.parse("1".repeat(100_000))).isInstanceOf(InvalidIdNumberException.class);
        }

        @ParameterizedTest(name = "province {0}")
        @ValueSource(strings = {"000090123456", "003090123456", "097090123456", "999090123456"})
        void unknownProvince(String input) {
            assertThatThrownBy(() -> PersonalIdNumber.parse(input))
                    .isInstanceOfSatisfying(InvalidIdNumberException.class,
                            e -> assertThat(e.code()).isEqualTo(InvalidIdNumberException.Code.ID_NUMBER_UNKNOWN_PROVINCE))
                    .hasMessageNotContaining(input);
        }
    }

    @Test
    @DisplayName("all 63 provinces are known, codes 001 to 096")
    void provinces() {
        assertThat(new java.util.ArrayList<>(Provinces.all().keySet())).as("in code order, the same in every JVM").isSorted();
        assertThat(Provinces.all()).hasSize(63).containsEntry("001", "Hà Nội").containsEntry("079", "Thành phố Hồ Chí Minh")
                .containsEntry("096", "Cà Mau");
    }
}
