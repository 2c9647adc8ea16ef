package vn.dinhdanh.chip.lds;

import java.security.PublicKey;
import java.util.Optional;

/**
 * The data groups' content, read after passive authentication.
 *
 * @param mrzDocumentCode DG1's document code (a CCCD's is "ID"), fillers removed
 * @param mrzIssuingState DG1's issuing state (a CCCD's is "VNM")
 * @param mrzDocumentNumber DG1's document number, fillers removed
 * @param mrzDateOfBirth DG1's date of birth as written (yyMMdd)
 * @param activeAuthKey DG15's key; empty when the chip has no AA
 * @param activeAuthAlgorithm DG14's ActiveAuthenticationInfo signature algorithm OID, if DG14 names one
 */
public record LdsContent(ChipIdentity identity, String mrzDocumentCode, String mrzIssuingState,
                         String mrzDocumentNumber, String mrzDateOfBirth,
                         Optional<PublicKey> activeAuthKey, Optional<String> activeAuthAlgorithm) {

    @Override
    public String toString() {
        return "LdsContent[" + identity + "]";
    }
}
