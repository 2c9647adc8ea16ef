package vn.dinhdanh.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SubjectPseudonymTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final String USER = "f:registry:079203001234";

    @Test
    @DisplayName("is stable for one key and never contains the user id")
    void stable() {
        String first = SubjectPseudonym.withKey(KEY).of("realm-1", USER);
        assertThat(SubjectPseudonym.withKey(KEY).of("realm-1", USER)).isEqualTo(first);
        assertThat(first).hasSize(32).matches("[0-9a-f]+").doesNotContain("079203001234");
    }

    @Test
    @DisplayName("differs between realms, users and keys")
    void separates() {
        SubjectPseudonym pseudonym = SubjectPseudonym.withKey(KEY);
        String base = pseudonym.of("realm-1", USER);
        assertThat(pseudonym.of("realm-2", USER)).isNotEqualTo(base);
        assertThat(pseudonym.of("realm-1", "f:registry:079203001235")).isNotEqualTo(base);
        assertThat(SubjectPseudonym.withKey(KEY + "x").of("realm-1", USER)).isNotEqualTo(base);
        assertThat(SubjectPseudonym.withRandomKey().of("realm-1", USER)).isNotEqualTo(base);
    }

    @Test
    @DisplayName("refuses a short key without echoing it")
    void shortKey() {
        assertThatThrownBy(() -> SubjectPseudonym.withKey("short-secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short-secret");
    }
}
