package vn.dinhdanh.chip.login;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import vn.dinhdanh.chip.challenge.ChipChallenge;

/**
 * What the login page hands the citizen's app, as a QR code (another device) or a link (this phone):
 * {@code vneid://chip-login?realm=<realm>&challengeId=<id>&nonce=<base64url>}. The app reads the card with
 * the nonce as the INTERNAL AUTHENTICATE challenge and posts the files to its own configured dinhdanh
 * server: the link names no server, so a forged link cannot send a citizen's card data elsewhere.
 */
public final class ChipAppLink {

    public static final String SCHEME = "vneid";

    private ChipAppLink() {
    }

    public static String of(String realm, ChipChallenge challenge) {
        return SCHEME + "://chip-login?realm=" + URLEncoder.encode(realm, StandardCharsets.UTF_8)
                + "&challengeId=" + challenge.id()
                + "&nonce=" + Base64.getUrlEncoder().withoutPadding().encodeToString(challenge.nonce());
    }
}
