package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import vn.dinhdanh.it.support.ContainerTarget;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.ServerUnderTest;

/**
 * The production image ({@code docker/Dockerfile}) starts on PostgreSQL with the realm and our
 * providers. Needs a Docker engine; skipped where none runs. For the whole suite against the
 * image, run {@code ./mvnw verify -Ddinhdanh.it.target=container}.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerImageIT {

    @Test
    @DisplayName("the image serves the realm with the audit listener deployed")
    void imageServesTheRealm() throws Exception {
        try (ContainerTarget target = ContainerTarget.start()) {
            ServerUnderTest server = target.server();
            assertThat(new PublicPortal(server).discovery().path("issuer").asText()).isEqualTo(server.realmUrl().toString());
            assertThat(server.admin().get("/admin/serverinfo").path("providers").path("eventsListener")
                    .path("providers").has("dinhdanh-audit-log")).isTrue();
        }
    }
}
