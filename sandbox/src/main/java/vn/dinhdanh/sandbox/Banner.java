package vn.dinhdanh.sandbox;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/** What a newcomer needs once the sandbox is up: where things are and how to sign in. */
final class Banner {

    private Banner() {
    }

    static String render(Sandbox sandbox, String portalSecret, Duration startup) {
        return render(sandbox.server().baseUrl(), "  Health              " + sandbox.server().managementUrl() + "/health/ready",
                sandbox.plan(), sandbox.database(), sandbox.registry(), sandbox.server().log().toString(), portalSecret, startup);
    }

    /** The cluster's banner: the balancer is the address of everything, then every node and where to look. */
    static String render(SandboxCluster cluster, String portalSecret, Duration startup) {
        StringBuilder nodes = new StringBuilder("  Load balancer       HAProxy on " + cluster.baseUrl() + " (round robin, health "
                + "checks on each node's /health/ready; config " + cluster.balancer().log().resolveSibling("haproxy.cfg") + ")");
        for (var node : cluster.nodes()) {
            nodes.append("\n  Node ").append(node.number()).append("              ").append(node.baseUrl())
                    .append("   health ").append(node.managementUrl()).append("/health/ready   metrics ")
                    .append(node.managementUrl()).append("/metrics");
        }
        nodes.append("\n                      ./dinhdanh nodes   lists them; ./dinhdanh nodes kill|start <i>");
        return render(cluster.baseUrl(), nodes.toString(), cluster.plan(), cluster.database(), cluster.registry(),
                cluster.logs() + "/node-<i>.log, haproxy.log", portalSecret, startup);
    }

    private static String render(URI base, String health, Sandbox.Plan plan, vn.dinhdanh.sandbox.postgres.Database database,
                                 vn.dinhdanh.sandbox.postgres.Database registry, String logs, String portalSecret,
                                 Duration startup) {
        String realm = base + "/realms/" + Sandbox.REALM;
        return String.join("\n",
                "",
                "dinhdanh is up (ready in " + String.format(Locale.ROOT, "%.1f", startup.toMillis() / 1000.0) + " s)",
                "",
                "  Realm               " + realm,
                "  OIDC discovery      " + realm + "/.well-known/openid-configuration",
                "  SAML metadata       " + realm + "/protocol/saml/descriptor",
                "  Admin console       " + base + "/admin/master/console/   (" + Sandbox.ADMIN_USERNAME + " / "
                        + plan.adminPassword() + ", set when the database was created)",
                "  Account console     " + realm + "/account/   (sandbox user tester / tester-sandbox)",
                health,
                "",
                "  Sample relying parties",
                "    public-portal     OIDC, confidential, code + PKCE S256",
                "                      redirect URI http://localhost:8090/callback, client secret " + portalSecret,
                "    legacy-portal     SAML 2.0 SP, signed assertions, ACS http://localhost:8091/saml/acs",
                "    bank-ekyc         chip eKYC service account (role ekyc), client secret "
                        + plan.realmEnvironment().getOrDefault(SandboxSecrets.BANK_EKYC_SECRET, "(not set)"),
                "    bank-call-centre  CIBA (poll), login_hint = ID number, client secret "
                        + plan.realmEnvironment().getOrDefault(SandboxSecrets.BANK_CALL_CENTRE_SECRET, "(not set)"),
                "    bank-online       FAPI 2.0 + DPoP: PAR, PKCE S256, private_key_jwt (ES256), redirect URI https://127.0.0.1:8092/callback",
                "                      key " + BankOnlineClient.privateKeyFile(plan.dataDirectory())
                        + "   (docs/relying-parties.md)",
                "    library-portal    OIDC, second pairwise sector: redirect URI http://127.0.0.1:8093/callback, client secret "
                        + plan.realmEnvironment().getOrDefault(SandboxSecrets.LIBRARY_PORTAL_SECRET, "(not set)"),
                "",
                "  CCCD chip API       " + realm + "/chip/challenges, /chip/verifications",
                "                      ./dinhdanh chip read --citizen <ID> --challenge <answer>   plays the card reader",
                "  VNeID app           ./dinhdanh app enroll --citizen <ID>   enrols a phone (the login page: QR code or push)",
                "                      ./dinhdanh app approve|scan --citizen <ID> ...   plays the app (README \"VNeID app\")",
                "",
                "  Database            " + database.jdbcUrl(),
                "  Registry            " + registry.jdbcUrl() + " (as " + registry.username() + ")",
                "                      ./dinhdanh citizens sample   picks test citizens",
                "  Logs                " + logs,
                "",
                "Ctrl-C stops everything; data is kept in " + plan.dataDirectory() + " (--fresh starts over).",
                "");
    }
}
