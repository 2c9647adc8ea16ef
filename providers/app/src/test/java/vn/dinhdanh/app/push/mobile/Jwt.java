package vn.dinhdanh.app.push.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** A compact JWS as a test reads it: header and claims as JSON, the signature checked independently of the code under test. */
record Jwt(JsonNode header, JsonNode claims, byte[] signingInput, byte[] signature) {

    static Jwt parse(String compact) {
        String[] parts = compact.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWS");
        }
        Base64.Decoder decoder = Base64.getUrlDecoder();
        return new Jwt(Json.read(new String(decoder.decode(parts[0]), StandardCharsets.UTF_8)),
                Json.read(new String(decoder.decode(parts[1]), StandardCharsets.UTF_8)),
                (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), decoder.decode(parts[2]));
    }

    boolean verifiesRs256(PublicKey key) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(signingInput);
        return verifier.verify(signature);
    }

    /** JOSE's ES256: exactly R‖S, 64 bytes, verified after conversion to DER. */
    boolean verifiesEs256(PublicKey key) throws GeneralSecurityException {
        if (signature.length != 64) {
            return false;
        }
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(signingInput);
        return verifier.verify(TestKeys.der(signature));
    }
}
