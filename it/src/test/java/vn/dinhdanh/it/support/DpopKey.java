package vn.dinhdanh.it.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import java.net.URI;

/**
 * A client's DPoP key (RFC 9449), as the VNeID app keeps one: proofs for the token endpoint and for requests with a
 * DPoP-bound access token (nimbus oauth2-oidc-sdk builds and signs them, ES256).
 */
public final class DpopKey {

    private final ECKey key;
    private final DefaultDPoPProofFactory proofs;

    private DpopKey(ECKey key) throws JOSEException {
        this.key = key;
        this.proofs = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
    }

    public static DpopKey generate() {
        try {
            return new DpopKey(new ECKeyGenerator(Curve.P_256).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A proof for {@code method} {@code uri} (the token endpoint: no access token). */
    public String proof(String method, URI uri) {
        try {
            return proofs.createDPoPJWT(method, uri).serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A proof for {@code method} {@code uri} with the DPoP-bound {@code accessToken} ({@code ath}). */
    public String proof(String method, URI uri, String accessToken) {
        try {
            return proofs.createDPoPJWT(method, uri, new DPoPAccessToken(accessToken)).serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key's JWK SHA-256 thumbprint, as the token's {@code cnf.jkt} names it. */
    public String thumbprint() {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
