package vn.dinhdanh.app.push.mobile;

import java.security.PrivateKey;

/** A realm's APNs settings: the signing key, the app's bundle id ({@code apns-topic}) and Apple's environment. */
record ApnsConfig(ProviderKey key, String topic, boolean production) {

    /** Apple's token-auth key (.p8) with its team and key ids. Equal keys share one provider token. */
    record ProviderKey(String teamId, String keyId, PrivateKey privateKey) {

        @Override
        public String toString() {
            return "ProviderKey[team " + teamId + ", key " + keyId + "]";
        }
    }
}
