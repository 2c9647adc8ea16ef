package vn.dinhdanh.chip.login;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import vn.dinhdanh.chip.challenge.ChipChallenge;

/**
 * What the login page hands the citizen's app, as a QR code (another device) or a link (this phone):
 * {@code vneid://chip-login?api=<realm's chip API>&challengeId=<id>&nonce=<base64url>}. The app reads the
 * card with the nonce as the INTERNAL AUTHENTICATE challenge and posts the files to {@code api/verifications}.
 */
public final class ChipAppLink {

    public static final String SCHEME = "vneid";

    private ChipAppLink() {
    }

    public static String of(URI realmUrl, ChipChallenge challenge) {
        return SCHEME + "://chip-login?api=" + URLEncoder.encode(realmUrl + "/chip", StandardCharsets.UTF_8)
                + "&challengeId=" + challenge.id()
                + "&nonce=" + Base64.getUrlEncoder().withoutPadding().encodeToString(challenge.nonce());
    }
}
