package vn.dinhdanh.chip.trust;

import java.security.cert.X509CRL;
import java.time.Instant;

/** When a CSCA's CRL may be relied on (RFC 5280 5.1.2.4-5; ICAO PKD: a CSCA issues one at least every 90 days). */
public final class Crls {

    private Crls() {
    }

    /** Issued by now and not past its nextUpdate; a CRL without nextUpdate is never current (ICAO requires one). */
    public static boolean current(X509CRL crl, Instant now) {
        return crl.getNextUpdate() != null && !crl.getThisUpdate().toInstant().isAfter(now)
                && !now.isAfter(crl.getNextUpdate().toInstant());
    }
}
