package vn.dinhdanh.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import vn.dinhdanh.sandbox.app.AppClient;
import vn.dinhdanh.sandbox.app.SandboxPhone;

/** A citizen who may log in, with a phone enrolled (the sandbox's app): what the VNeID app's tests start from. */
public record Citizen(String number, SandboxPhone phone) {

    public static Citizen withPhone(ServerUnderTest server, Registry registry, AppClient app) {
        String number = registry.pick(Registry.ALIVE);
        return new Citizen(number, app.enrolNewPhone(server.admin(), number));
    }

    /** What the app sees: exactly one request waiting for this citizen. */
    public JsonNode onlyPending(AppClient app) {
        JsonNode challenges = app.pending(phone, number).expect(200, "pending").path("challenges");
        assertThat(challenges).hasSize(1);
        return challenges.get(0);
    }
}
