package vn.dinhdanh.chip.trust;

import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** The country (C=) of a CSCA or Document Signer name: ICAO 9303 part 12 requires exactly one. */
final class Countries {

    private Countries() {
    }

    /** The upper-case country code, or "" when the name has none or more than one. */
    static String of(X500Principal name) {
        try {
            RDN[] countries = X500Name.getInstance(name.getEncoded()).getRDNs(BCStyle.C);
            if (countries.length != 1 || countries[0].isMultiValued()) {
                return "";
            }
            return IETFUtils.valueToString(countries[0].getFirst().getValue()).toUpperCase(java.util.Locale.ROOT);
        } catch (RuntimeException e) {
            return "";
        }
    }
}
