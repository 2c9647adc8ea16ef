package vn.dinhdanh.virtualchip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import org.bouncycastle.asn1.icao.CscaMasterList;
import org.bouncycastle.cms.CMSSignedData;
import org.jmrtd.lds.SODFile;
import org.jmrtd.lds.icao.DG15File;
import org.jmrtd.lds.icao.DG1File;
import org.jmrtd.lds.icao.DG2File;
import org.jmrtd.lds.icao.MRZInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The virtual chip's files read back with JMRTD and BouncyCastle, as a real reader's would. */
class VirtualChipTest {

    private static final TestPki PKI = TestPki.generate(7);

    @Nested
    @DisplayName("a genuine chip")
    class Genuine {

        private final VirtualChip chip = VirtualChip.sample(PKI);

        @Test
        @DisplayName("DG1: TD1 MRZ, last 9 digits as document number, all 12 in optional data, ASCII name")
        void dg1() throws Exception {
            MRZInfo mrz = new DG1File(new ByteArrayInputStream(chip.dataGroup(1))).getMRZInfo();
            assertThat(mrz.getDocumentType()).isEqualTo(MRZInfo.DOC_TYPE_ID1);
            assertThat(mrz.getDocumentCode()).isEqualTo("ID");
            assertThat(mrz.getIssuingState()).isEqualTo("VNM");
            assertThat(mrz.getNationality()).isEqualTo("VNM");
            assertThat(mrz.getDocumentNumber()).isEqualTo("090012345");
            assertThat(mrz.getOptionalData1()).startsWith("001090012345");
            assertThat(mrz.getDateOfBirth()).isEqualTo("900315");
            assertThat(mrz.getDateOfExpiry()).isEqualTo("300315");
            assertThat(mrz.getPrimaryIdentifier()).isEqualTo("NGUYEN");
            assertThat(mrz.getSecondaryIdentifier()).isEqualTo("VAN AN");
        }

        @Test
        @DisplayName("DG13 is tag 6D; DG2 holds a JPEG portrait")
        void dg13AndDg2() throws Exception {
            assertThat(chip.dataGroup(13)[0]).isEqualTo((byte) 0x6D);
            DG2File dg2 = new DG2File(new ByteArrayInputStream(chip.dataGroup(2)));
            assertThat(dg2.getFaceInfos().get(0).getFaceImageInfos().get(0).getMimeType()).isEqualTo("image/jpeg");
        }

        @Test
        @DisplayName("the SOD lists the SHA-256 of every data group and is signed by the Document Signer")
        void sod() throws Exception {
            SODFile sod = new SODFile(new ByteArrayInputStream(chip.sod()));
            assertThat(sod.getDataGroupHashes()).containsOnlyKeys(1, 2, 13, 15);
            for (int number : sod.getDataGroupHashes().keySet()) {
                assertThat(sod.getDataGroupHashes().get(number))
                        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(chip.dataGroup(number)));
            }
            assertThat(sod.getDocSigningCertificate()).isEqualTo(PKI.documentSigner().certificate());
            PKI.documentSigner().certificate().verify(PKI.csca().getPublicKey());
        }

        @Test
        @DisplayName("DG15 holds the AA public key; no AA key, no DG15 and no answer")
        void dg15() throws Exception {
            assertThat(new DG15File(new ByteArrayInputStream(chip.dataGroup(15))).getPublicKey())
                    .isEqualTo(chip.activeAuthPublicKey().orElseThrow());
            VirtualChip noAa = VirtualChip.builder(PKI, CardHolder.sample()).activeAuth(ActiveAuthKey.NONE).build();
            assertThat(noAa.dataGroups()).doesNotContainKey(15);
            assertThatThrownBy(() -> noAa.signChallenge(new byte[8])).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        @DisplayName("the same seed gives the same keys and data groups")
        void deterministic() {
            VirtualChip again = VirtualChip.sample(TestPki.generate(7));
            assertThat(again.activeAuthPublicKey()).isEqualTo(chip.activeAuthPublicKey());
            assertThat(again.dataGroups().get(13)).isEqualTo(chip.dataGroup(13));
            assertThat(again.dataGroups().get(2)).isEqualTo(chip.dataGroup(2));
            assertThat(TestPki.generate(7).cscaPem()).isEqualTo(PKI.cscaPem());
        }
    }

    @Nested
    @DisplayName("the test PKI")
    class Pki {

        @Test
        @DisplayName("the CRL revokes the second Document Signer only and is signed by the CSCA")
        void crl() throws Exception {
            X509CRL crl = PKI.crl();
            crl.verify(PKI.csca().getPublicKey());
            assertThat(crl.isRevoked(PKI.revokedDocumentSigner().certificate())).isTrue();
            assertThat(crl.isRevoked(PKI.documentSigner().certificate())).isFalse();
        }

        @Test
        @DisplayName("the master list is CMS SignedData of type 2.23.136.1.1.2 holding the CSCA")
        void masterList() throws Exception {
            CMSSignedData signed = new CMSSignedData(PKI.masterList());
            assertThat(signed.getSignedContentTypeOID()).isEqualTo(TestPki.CSCA_MASTER_LIST_OID);
            CscaMasterList list = CscaMasterList.getInstance(signed.getSignedContent().getContent());
            assertThat(list.getCertStructs()).hasSize(1);
            assertThat(list.getCertStructs()[0].getEncoded()).isEqualTo(PKI.csca().getEncoded());
        }

        @Test
        @DisplayName("the impostor has the CSCA's name and another key")
        void impostor() {
            TestPki impostor = PKI.impostor();
            assertThat(impostor.csca().getSubjectX500Principal()).isEqualTo(PKI.csca().getSubjectX500Principal());
            assertThat(impostor.csca().getPublicKey()).isNotEqualTo(PKI.csca().getPublicKey());
        }
    }
}
