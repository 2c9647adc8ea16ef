package vn.dinhdanh.chip.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dinhdanh.chip.Fixtures;
import vn.dinhdanh.virtualchip.TestPki;

@DisplayName("loading the trust store")
class TrustStoreLoaderTest {

    private final TestPki pki = Fixtures.PKI;
    /** The national CSCA configured as the anchor master-list signers must chain to. */
    private final TrustStoreLoader loader = new TrustStoreLoader(Fixtures.CLOCK, List.of(pki.csca()));

    @Test
    @DisplayName("an ICAO master list: its CSCAs, once its signature and signer check out")
    void masterList(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("vn.ml"), pki.masterList());
        TrustStore store = loader.load(List.of(file));
        assertThat(store.cscas()).containsExactly(pki.csca());
        // A master list carries no CRLs: the path alone, here.
        assertThat(new DocumentSignerValidator(store, Fixtures.CLOCK, false, "VN").validate(pki.documentSigner().certificate()))
                .isEqualTo(DocumentSignerValidator.Outcome.TRUSTED);
        assertThat(new DocumentSignerValidator(store, Fixtures.CLOCK, true, "VN").validate(pki.documentSigner().certificate()))
                .as("a CRL required and none loaded").isEqualTo(DocumentSignerValidator.Outcome.NOT_TRUSTED);
    }

    @Test
    @DisplayName("a master list with a byte changed loads nothing")
    void tamperedMasterList() {
        byte[] list = pki.masterList();
        // Inside the CSCA certificate's signature, near the end of the content.
        list[list.length / 2] ^= 0x01;
        assertThatThrownBy(() -> loader.masterList(list)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    @DisplayName("a self-consistent master list whose signer chains only to a CSCA inside it loads nothing")
    void selfConsistent() throws Exception {
        assertThatThrownBy(() -> loader.masterList(pki.impostor().masterList())).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> loader.masterList("not CMS".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(GeneralSecurityException.class);
        // Without a configured anchor, no master list at all: nothing vouches for the file.
        assertThatThrownBy(() -> new TrustStoreLoader(Fixtures.CLOCK).masterList(pki.masterList()))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    @DisplayName("a master list signed by a non-Master-List-Signer (a Document Signer of the anchor) loads nothing")
    void signerWithoutUsage() {
        assertThatThrownBy(() -> loader.masterList(pki.masterListSignedBy(pki.documentSigner())))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    @DisplayName("a CRL not signed by a CSCA of the store makes the whole load fail")
    void unsignedCrlFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("csca.pem"), pki.cscaPem() + pki.impostor().crlPem());
        assertThatThrownBy(() -> loader.load(List.of(file))).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    @DisplayName("PEM: certificates and CRLs, several per file")
    void pem(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("csca.pem"), "# explanatory text, as OpenSSL writes it\n"
                + pki.cscaPem() + pki.crlPem());
        TrustStore store = loader.load(List.of(file));
        assertThat(store.cscas()).containsExactly(pki.csca());
        assertThat(store.crls()).containsExactly(pki.crl());
        assertThat(new DocumentSignerValidator(store, Fixtures.CLOCK, true, "VN").validate(pki.revokedDocumentSigner().certificate()))
                .isEqualTo(DocumentSignerValidator.Outcome.REVOKED);
    }

    @Test
    @DisplayName("a CRL signed by another key under the CSCA's name makes the path fail, not pass")
    void forgedCrl() {
        TrustStore store = TrustStore.of(List.of(pki.csca()), List.of(pki.impostor().crl()));
        assertThat(new DocumentSignerValidator(store, Fixtures.CLOCK, true, "VN").validate(pki.documentSigner().certificate()))
                .isEqualTo(DocumentSignerValidator.Outcome.NOT_TRUSTED);
    }
}
