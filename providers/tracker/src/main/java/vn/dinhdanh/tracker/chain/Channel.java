package vn.dinhdanh.tracker.chain;

import java.util.Arrays;
import java.util.Optional;

/** How the data left: the column {@code CHANNEL}, stable codes (translated on the citizen's page). */
public enum Channel {
    /** Tokens of an authorization code (or implicit/hybrid) flow: ID token and access token. */
    TOKEN("token"),
    /** Tokens of a refresh-token grant. */
    REFRESH("refresh"),
    USERINFO("userinfo"),
    SAML_ASSERTION("saml_assertion"),
    CIBA_TOKEN("ciba_token"),
    /** The {@code person} block of a chip verification answered to a bank's eKYC service account. */
    EKYC_ANSWER("ekyc_answer");

    private final String code;

    Channel(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Channel> of(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
