package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.LoopbackReceiver;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.ServerUnderTest;

/** The dinhdanh-audit-log provider is deployed, enabled for the realm, and logs no personal data. */
@ExtendWith(DinhdanhServerExtension.class)
class AuditLogIT {

    private static final Pattern SUBJECT = Pattern.compile("subject=[0-9a-f]{32}");

    @Test
    @DisplayName("the provider is deployed and is the realm's only logging event listener (beside the device notices, which log no personal data)")
    void deployedAndEnabled(ServerUnderTest server) {
        JsonNode info = server.admin().get("/admin/serverinfo");
        assertThat(info.path("providers").path("eventsListener").path("providers").has("dinhdanh-audit-log")).isTrue();
        JsonNode realm = server.admin().get("/admin/realms/dinhdanh");
        assertThat(realm.path("eventsListeners").toString()).isEqualTo("[\"dinhdanh-audit-log\",\"dinhdanh-device-notices\"]");
        assertThat(realm.path("loginTheme").asText()).isEqualTo("dinhdanh");
    }

    @Test
    @DisplayName("a login and a failed login are audited with a pseudonym, never the username")
    void loginsAreAuditedWithoutPersonalData(ServerUnderTest server) {
        PublicPortal portal = new PublicPortal(server);
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(PublicPortal.Request.fresh()));
            browser.signIn("tester", "wrong-password");
            browser.waitFor(By.id("input-error-username"));
            browser.driver().findElement(By.id("password")).sendKeys("tester-sandbox");
            browser.driver().findElement(By.id("kc-login")).click();
            callback.await(Duration.ofSeconds(30));
        }
        List<String> audit = server.log().lines().filter(l -> l.contains("[vn.dinhdanh.audit]")).toList();
        assertThat(audit).anySatisfy(line -> assertThat(line)
                .contains("WARN", "kind=user type=LOGIN_ERROR realm=dinhdanh client=public-portal", "error=invalid_user_credentials")
                .containsPattern(SUBJECT));
        assertThat(audit).anySatisfy(line -> assertThat(line)
                .contains("INFO", "kind=user type=LOGIN realm=dinhdanh client=public-portal", "outcome=success",
                        "auth_method=openid-connect")
                .containsPattern(SUBJECT));
        assertThat(audit).allSatisfy(line -> assertThat(line)
                .doesNotContain("tester", "username", "Nguyễn", "127.0.0.1"));
    }
}
