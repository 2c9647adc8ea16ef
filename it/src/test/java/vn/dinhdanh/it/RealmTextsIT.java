package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.LocalHttp;

/**
 * The login pages' message bundle is built once per node and kept (it was rebuilt for every page); a text the
 * administrator sets for the realm must still show at the next page, and its change and removal too.
 */
@ExtendWith(DinhdanhServerExtension.class)
class RealmTextsIT {

    private static final String KEY = "dinhdanh.app.title";
    private static final String THEME_TEXT = "Đăng nhập bằng ứng dụng VNeID";
    private static final String TEXTS = "/admin/realms/dinhdanh/localization/vi";

    private final HttpClient http = LocalHttp.builder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @DisplayName("a realm's own text shows on the next login page, then its change, then the theme's text once removed")
    void realmTextsShowAtOnce(ServerUnderTest server) throws Exception {
        assertThat(firstPage(server)).as("the theme's text").contains(THEME_TEXT);
        try {
            setText(server, "Văn bản thử nghiệm một");
            assertThat(firstPage(server)).contains("Văn bản thử nghiệm một").doesNotContain(THEME_TEXT);
            setText(server, "Văn bản thử nghiệm hai");
            assertThat(firstPage(server)).contains("Văn bản thử nghiệm hai").doesNotContain("Văn bản thử nghiệm một");
        } finally {
            assertThat(server.admin().delete(TEXTS + "/" + KEY, Duration.ofSeconds(30))).isEqualTo(204);
        }
        assertThat(firstPage(server)).as("the theme's text again").contains(THEME_TEXT).doesNotContain("Văn bản thử nghiệm");
    }

    private static void setText(ServerUnderTest server, String text) {
        server.admin().post(TEXTS, new ObjectMapper().createObjectNode().put(KEY, text), Duration.ofSeconds(30));
    }

    /** The VNeID page a new login opens with, in Vietnamese. */
    private String firstPage(ServerUnderTest server) throws IOException, InterruptedException {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(new PublicPortal(server).authorizationUrl(PublicPortal.Request.fresh()))
                .header("Accept-Language", "vi").timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }
}
