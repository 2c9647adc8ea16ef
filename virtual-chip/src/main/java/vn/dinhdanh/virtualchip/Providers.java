package vn.dinhdanh.virtualchip;

import java.security.Provider;
import java.security.Security;
import java.security.interfaces.ECKey;
import java.security.Key;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * BouncyCastle, for what the JDK cannot do: keys and signatures on Brainpool curves. Registered as Keycloak
 * registers it, so that JMRTD and the verifier under test find it by name too.
 */
final class Providers {

    private Providers() {
    }

    static synchronized Provider bouncyCastle() {
        Provider provider = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (provider == null) {
            provider = new BouncyCastleProvider();
            Security.addProvider(provider);
        }
        return provider;
    }

    /** BouncyCastle for a key BouncyCastle made (a Brainpool key), null (the JDK's choice) otherwise. */
    static Provider forKey(Key key) {
        return key instanceof ECKey && key.getClass().getName().startsWith("org.bouncycastle.") ? bouncyCastle() : null;
    }
}
