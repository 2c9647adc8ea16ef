package vn.dinhdanh.chip.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dinhdanh.chip.Fixtures;
import vn.dinhdanh.virtualchip.TestPki;

@DisplayName("trust reloaded without a restart")
class TrustStateTest {

    private final TestPki pki = Fixtures.PKI;
    private final Instant now = Fixtures.CLOCK.instant();

    private static String pem(Object object) throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private DocumentSignerValidator.Outcome validate(TrustState trust) {
        return new DocumentSignerValidator(trust.store(), Fixtures.CLOCK, true, "VN").validate(pki.documentSigner().certificate());
    }

    @Test
    @DisplayName("a stale CRL replaced by a current one: stale, then trusted after the reload; unchanged files reload nothing")
    void staleThenCurrent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("csca.pem");
        Files.writeString(file, pki.cscaPem() + pem(pki.crl(now.minusSeconds(100 * 86400), now.minusSeconds(86400), 7)));
        TrustState trust = new TrustState(List.of(file), List.of(), Fixtures.CLOCK);
        assertThat(validate(trust)).isEqualTo(DocumentSignerValidator.Outcome.CRL_STALE);
        assertThat(trust.secondsToFirstCrlExpiry()).hasValueSatisfying(s -> assertThat(s).isNegative());

        assertThat(trust.reload(false).result()).isEqualTo(TrustState.Result.UNCHANGED);
        Files.writeString(file, pki.cscaPem() + pem(pki.crl(now.minusSeconds(86400), now.plusSeconds(10 * 86400), 8)));
        assertThat(trust.reload(false).result()).isEqualTo(TrustState.Result.LOADED);
        assertThat(validate(trust)).isEqualTo(DocumentSignerValidator.Outcome.TRUSTED);
        assertThat(trust.crlFreshness()).singleElement().satisfies(crl -> {
            assertThat(crl.stale()).isFalse();
            assertThat(crl.secondsLeft()).isEqualTo(10 * 86400);
        });
    }

    @Test
    @DisplayName("a broken file keeps the store in use and reports the failure; fixing it loads again")
    void brokenFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("csca.pem");
        Files.writeString(file, pki.cscaPem() + pki.crlPem());
        TrustState trust = new TrustState(List.of(file), List.of(), Fixtures.CLOCK);
        TrustStore before = trust.store();
        Files.writeString(file, pki.cscaPem() + pki.impostor().crlPem()); // a CRL no CSCA of the file signed
        TrustState.Attempt attempt = trust.reload(false);
        assertThat(attempt.result()).isEqualTo(TrustState.Result.FAILED);
        assertThat(attempt.error()).contains("CRL");
        assertThat(trust.store()).isSameAs(before);
        assertThat(validate(trust)).isEqualTo(DocumentSignerValidator.Outcome.TRUSTED);
        Files.writeString(file, pki.cscaPem() + pki.crlPem() + "\n");
        assertThat(trust.reload(false).result()).isEqualTo(TrustState.Result.LOADED);
    }

    @Test
    @DisplayName("a master list is loaded only with its anchor configured")
    void masterListAnchor(@TempDir Path dir) throws Exception {
        Path list = Files.write(dir.resolve("vn.ml"), pki.masterList());
        Path anchor = Files.writeString(dir.resolve("anchor.pem"), pki.cscaPem());
        assertThat(new TrustState(List.of(list), List.of(anchor), Fixtures.CLOCK).store().cscas()).containsExactly(pki.csca());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TrustState(List.of(list), List.of(), Fixtures.CLOCK))
                .isInstanceOf(java.security.GeneralSecurityException.class);
    }
}
