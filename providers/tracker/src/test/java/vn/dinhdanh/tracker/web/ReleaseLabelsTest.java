package vn.dinhdanh.tracker.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReleaseLabelsTest {

    private static final String BOTH = "Cổng dịch vụ công (mẫu) · Public-service portal (sample)";

    @Test
    @DisplayName("a client named 'Vietnamese · English' shows the page language's half")
    void halfInTheLanguage() {
        assertThat(ReleaseLabels.inLanguage(BOTH, Locale.forLanguageTag("vi"))).isEqualTo("Cổng dịch vụ công (mẫu)");
        assertThat(ReleaseLabels.inLanguage(BOTH, Locale.ENGLISH)).isEqualTo("Public-service portal (sample)");
        assertThat(ReleaseLabels.inLanguage(BOTH, Locale.forLanguageTag("en-GB"))).isEqualTo("Public-service portal (sample)");
        assertThat(ReleaseLabels.inLanguage(BOTH, null)).isEqualTo("Cổng dịch vụ công (mẫu)");
    }

    @Test
    @DisplayName("any other name as it is: one part, three parts, an empty half")
    void otherNamesAsTheyAre() {
        assertThat(ReleaseLabels.inLanguage("Ngân hàng X", Locale.ENGLISH)).isEqualTo("Ngân hàng X");
        assertThat(ReleaseLabels.inLanguage("A · B · C", Locale.ENGLISH)).isEqualTo("A · B · C");
        assertThat(ReleaseLabels.inLanguage("A · ", Locale.ENGLISH)).isEqualTo("A · ");
        assertThat(ReleaseLabels.inLanguage("A·B", Locale.ENGLISH)).isEqualTo("A·B");
    }
}
