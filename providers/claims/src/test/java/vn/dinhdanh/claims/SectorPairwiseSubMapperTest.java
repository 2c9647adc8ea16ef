package vn.dinhdanh.claims;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SectorPairwiseSubMapperTest {

    @Test
    @DisplayName("a salt left as the realm file's placeholder, or none, refuses to compute subjects")
    void placeholderSaltRefused() {
        assertThatThrownBy(() -> SectorPairwiseSubMapper.requireSalt("${DINHDANH_PAIRWISE_SALT}"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DINHDANH_PAIRWISE_SALT");
        assertThatThrownBy(() -> SectorPairwiseSubMapper.requireSalt(null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SectorPairwiseSubMapper.requireSalt(" ")).isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> SectorPairwiseSubMapper.requireSalt("k3N9-random-salt")).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("the provider id Keycloak derives is the one the realm file names")
    void providerId() {
        org.assertj.core.api.Assertions.assertThat(new SectorPairwiseSubMapper().getId())
                .isEqualTo("oidc-dinhdanh-sha256-pairwise-sub-mapper");
    }
}
