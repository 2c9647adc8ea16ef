package vn.dinhdanh.chip;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dinhdanh.chip.Fixtures.chip;
import static vn.dinhdanh.chip.Fixtures.presentation;
import static vn.dinhdanh.chip.Fixtures.verify;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.dinhdanh.chip.lds.ChipIdentity;
import vn.dinhdanh.chip.lds.Sex;
import vn.dinhdanh.chip.verdict.Check;
import vn.dinhdanh.chip.verdict.CheckName;
import vn.dinhdanh.chip.verdict.Verdict;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.Variant;

@DisplayName("a genuine chip")
class GenuineChipTest {

    @ParameterizedTest(name = "AA key {0}")
    @EnumSource(value = ActiveAuthKey.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("passes every check, chip authenticated")
    void valid(ActiveAuthKey aa) {
        Verdict verdict = verify(presentation(chip(Variant.GENUINE, aa)));
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.failure()).isEmpty();
        assertThat(verdict.chipAuthenticated()).isTrue();
        assertThat(verdict.checks()).extracting(Check::name).containsExactly(CheckName.values());
        assertThat(verdict.checks()).allSatisfy(c -> assertThat(c.result()).isEqualTo(Check.Result.PASSED));
    }

    @Test
    @DisplayName("yields the card's identity from DG13, DG1 and DG2")
    void identity() {
        ChipIdentity identity = verify(presentation(chip(Variant.GENUINE))).identity().orElseThrow();
        assertThat(identity.idNumber()).isEqualTo("001090012345");
        assertThat(identity.documentNumber()).isEqualTo("090012345");
        assertThat(identity.fullName()).isEqualTo("Nguyễn Văn An");
        assertThat(identity.dateOfBirth()).isEqualTo(LocalDate.of(1990, 3, 15));
        assertThat(identity.sex()).isEqualTo(Sex.MALE);
        assertThat(identity.nationality()).isEqualTo("Việt Nam");
        assertThat(identity.ethnicity()).isEqualTo("Kinh");
        assertThat(identity.religion()).isEqualTo("Không");
        assertThat(identity.placeOfOrigin()).contains("Đông Anh");
        assertThat(identity.placeOfResidence()).contains("Hoàn Kiếm");
        assertThat(identity.issueDate()).isEqualTo(LocalDate.of(2021, 7, 1));
        assertThat(identity.expiryDate()).isEqualTo(LocalDate.of(2030, 3, 15));
        assertThat(identity.faceImage()).hasValueSatisfying(face -> {
            assertThat(face.mimeType()).isEqualTo("image/jpeg");
            assertThat(face.bytes()).startsWith((byte) 0xFF, (byte) 0xD8);
        });
    }

    @Test
    @DisplayName("verdicts and identities print no personal data")
    void noPersonalDataInToString() {
        Verdict verdict = verify(presentation(chip(Variant.GENUINE)));
        assertThat(verdict.toString()).doesNotContain("001090012345", "Nguyễn", "1990");
        assertThat(verdict.identity().orElseThrow().toString()).isEqualTo("ChipIdentity[001*******45]");
        assertThat(Fixtures.samplePerson().toString()).isEqualTo("RegistryPerson[001*******45]");
    }
}
