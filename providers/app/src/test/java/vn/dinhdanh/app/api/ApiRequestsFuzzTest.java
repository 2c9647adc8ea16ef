package vn.dinhdanh.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import vn.dinhdanh.app.push.PushTargets;

/**
 * The app API's JSON bodies (Jazzer): any bytes end in a JSON object and its fields, or a 4xx with a stable
 * code ({@link ApiError}); never another exception (which the server would answer 500).
 */
class ApiRequestsFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void body(FuzzedDataProvider data) {
        String field = data.consumeString(16);
        String platform = data.consumeString(16);
        byte[] body = data.consumeRemainingAsBytes();
        try {
            JsonNode request = ApiRequests.read(new ByteArrayInputStream(body));
            assertThat(request.isObject()).isTrue();
            fourXx(() -> ApiRequests.base64(request, field));
            fourXx(() -> ApiRequests.base64url(request, field));
            JsonNode token = request.get(field);
            PushTargets.parse(platform, token == null ? null : token.asText());
        } catch (ApiError e) {
            assertThat(e.getResponse().getStatus()).isBetween(400, 499);
        } catch (IOException e) {
            throw new AssertionError("a body in memory cannot fail to read", e);
        }
    }

    private static void fourXx(Runnable call) {
        try {
            call.run();
        } catch (ApiError e) {
            assertThat(e.getResponse().getStatus()).isBetween(400, 499);
        }
    }
}
