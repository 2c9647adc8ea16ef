package vn.dinhdanh.it.support;

import java.net.URI;
import vn.dinhdanh.sandbox.Sandbox;
import vn.dinhdanh.sandbox.keycloak.KeycloakAdmin;
import vn.dinhdanh.sandbox.postgres.Database;

/** A running dinhdanh server: the distribution started by the sandbox, or the container image. */
public interface ServerUnderTest {

    URI baseUrl();

    String adminPassword();

    RelyingParties relyingParties();

    /** Everything the server logged so far. */
    String log();

    default URI realmUrl() {
        return URI.create(baseUrl() + "/realms/" + Sandbox.REALM);
    }

    /** The population registry as its operator (may write), where this target has one. */
    default Database registryOwner() {
        org.junit.jupiter.api.Assumptions.abort("this target has no sandbox population registry");
        return null;
    }

    /** The test country PKI whose CSCA this server trusts for chips (the sandbox's own), where this target has one. */
    default vn.dinhdanh.virtualchip.TestPki chipPki() {
        org.junit.jupiter.api.Assumptions.abort("this target trusts no test CSCA");
        return null;
    }

    /** The sandbox's second test PKI (brainpoolP256r1), whose CSCA this server trusts too, where this target has one. */
    default vn.dinhdanh.virtualchip.TestPki brainpoolChipPki() {
        org.junit.jupiter.api.Assumptions.abort("this target trusts no test CSCA");
        return null;
    }

    /** Where /metrics and /health answer, where this target exposes them to the tests. */
    default URI managementUrl() {
        org.junit.jupiter.api.Assumptions.abort("this target's management interface is not reachable from the tests");
        return null;
    }

    /** The PEM file of CSCAs and CRLs this server's chip trust is read from, where the tests may rewrite it. */
    default java.nio.file.Path chipTrustFile() {
        org.junit.jupiter.api.Assumptions.abort("this target's chip trust files are not the tests'");
        return null;
    }

    /** The loopback port where this server sends FCM and APNs requests, where this target has one. */
    default int pushGatewayPort() {
        org.junit.jupiter.api.Assumptions.abort("this target sends pushes to the real FCM and APNs");
        return 0;
    }

    /** Keycloak's file vault of this server, where this target has one. */
    default java.nio.file.Path vaultDirectory() {
        org.junit.jupiter.api.Assumptions.abort("this target's vault is not the tests'");
        return null;
    }

    /** Keycloak's own database as its owner (the data tracker's tables), where this target has one. */
    default Database keycloakDatabase() {
        org.junit.jupiter.api.Assumptions.abort("this target's Keycloak database is not the tests'");
        return null;
    }

    /** The data tracker's key this server runs with, where the tests know it. */
    default String trackerKey() {
        org.junit.jupiter.api.Assumptions.abort("this target's data tracker key is not the tests'");
        return null;
    }

    default KeycloakAdmin admin() {
        return KeycloakAdmin.login(baseUrl(), Sandbox.ADMIN_USERNAME, adminPassword());
    }
}
