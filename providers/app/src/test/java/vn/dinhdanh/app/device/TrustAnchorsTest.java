package vn.dinhdanh.app.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustAnchorsTest {

    private static String sha256(X509Certificate certificate) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    @Nested
    @DisplayName("shipped roots")
    class Shipped {

        @Test
        @DisplayName("Google's two hardware attestation roots, by the fingerprints Google publishes")
        void google() throws Exception {
            List<X509Certificate> roots = TrustAnchors.google();
            assertThat(roots).extracting(c -> c.getSubjectX500Principal().getName()).containsExactly(
                    "2.5.4.5=#131066393230303965383533623662303435",
                    "C=US,O=Google LLC,OU=Android,CN=Key Attestation CA1");
            assertThat(roots.get(0).getSerialNumber().toString(16)).isEqualTo("f1c172a699eaf51d");
            assertThat(sha256(roots.get(0))).isEqualTo("cedb1cb6dc896ae5ec797348bce9286753c2b38ee71ce0fbe34a9a1248800dfc");
            assertThat(sha256(roots.get(1))).isEqualTo("6d9db4ce6c5c0b293166d08986e05774a8776ceb525d9e4329520de12ba4bcc0");
            for (X509Certificate root : roots) {
                root.verify(root.getPublicKey()); // self-signed
            }
        }

        @Test
        @DisplayName("Apple's App Attestation Root CA, by its published fingerprint")
        void apple() throws Exception {
            List<X509Certificate> roots = TrustAnchors.apple();
            assertThat(roots).hasSize(1);
            assertThat(roots.get(0).getSubjectX500Principal().getName())
                    .isEqualTo("ST=California,O=Apple Inc.,CN=Apple App Attestation Root CA");
            assertThat(sha256(roots.get(0))).isEqualTo("1cb9823ba28ba6ad2d33a006941de2ae4f513ef1d4e831b9f7e0fa7b6242c932");
        }
    }

    @Nested
    @DisplayName("an operator's PEM files")
    class PemFiles {

        @TempDir
        Path dir;

        private String pem(X509Certificate certificate) throws Exception {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        }

        @Test
        @DisplayName("every certificate of every file, with text around them ignored")
        void read() throws Exception {
            X509Certificate a = TestPki.root("CN=A").certificate();
            X509Certificate b = TestPki.root("CN=B").certificate();
            X509Certificate c = TestPki.root("CN=C").certificate();
            Path first = Files.writeString(dir.resolve("vendor.pem"), "Bag Attributes: x\n" + pem(a) + "subject=CN=B\n" + pem(b));
            Path second = Files.writeString(dir.resolve("other.pem"), pem(c));
            assertThat(TrustAnchors.fromPemFiles(List.of(first, second))).containsExactly(a, b, c);
        }

        @Test
        @DisplayName("a missing file, or one without a certificate, is named in the error")
        void errors() throws Exception {
            Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
            assertThatThrownBy(() -> TrustAnchors.fromPemFiles(List.of(empty)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty.pem");
            assertThatThrownBy(() -> TrustAnchors.fromPemFiles(List.of(dir.resolve("missing.pem"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.pem");
        }
    }
}
