package vn.dinhdanh.sandbox.keycloak;

import java.nio.file.Path;
import java.util.Map;
import vn.dinhdanh.sandbox.postgres.Database;

/**
 * Run-time options of one server start. Build-time options live in {@code docker/keycloak.conf},
 * shared with the container image.
 *
 * @param registry    the population registry (read-only role), or {@code null}
 * @param environment extra environment, e.g. values for the {@code ${...}} placeholders of the realm files
 */
public record ServerOptions(int httpPort, int managementPort, Database database, Database registry, String adminUsername,
                            String adminPassword, Map<String, String> environment, Path log) {

    @Override
    public String toString() {
        return "ServerOptions[http=" + httpPort + ", management=" + managementPort + ", " + database + "]";
    }
}
