package vn.dinhdanh.app.device;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Root certificates of device attestations: Google's and Apple's, shipped in this jar (each file says where it was
 * taken from and its SHA-256 fingerprints), and an operator's, read from PEM files.
 */
public final class TrustAnchors {

    /** Google's hardware attestation roots: the RSA root (2022 issue) and "Key Attestation CA1" (ECDSA P-384, 2025). */
    public static final String GOOGLE_RESOURCE = "google-hardware-attestation-roots.pem";
    /** Apple App Attestation Root CA. */
    public static final String APPLE_RESOURCE = "apple-app-attestation-root.pem";

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

    private TrustAnchors() {
    }

    /** Google's hardware attestation roots, the anchors of {@code android-key} attestations. */
    public static List<X509Certificate> google() {
        return resource(GOOGLE_RESOURCE);
    }

    /** The Apple App Attestation Root CA, the anchor of App Attest attestations. */
    public static List<X509Certificate> apple() {
        return resource(APPLE_RESOURCE);
    }

    /**
     * The certificates of PEM files (other text around them is ignored).
     *
     * @throws IllegalArgumentException naming the file when one cannot be read or holds no certificate
     */
    public static List<X509Certificate> fromPemFiles(List<Path> files) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : files) {
            try {
                List<X509Certificate> found = parse(Files.readString(file, StandardCharsets.US_ASCII));
                if (found.isEmpty()) {
                    throw new IllegalArgumentException("no PEM certificate in " + file);
                }
                certificates.addAll(found);
            } catch (IOException | CertificateException e) {
                throw new IllegalArgumentException("cannot read trust anchors from " + file + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(certificates);
    }

    /** Every {@code CERTIFICATE} block of a PEM text. */
    public static List<X509Certificate> parse(String pem) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher block = PEM.matcher(pem);
        while (block.find()) {
            byte[] der = Base64.getMimeDecoder().decode(block.group(1));
            certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
        }
        return List.copyOf(certificates);
    }

    private static List<X509Certificate> resource(String name) {
        try (InputStream in = TrustAnchors.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateException e) {
            throw new IllegalStateException("resource " + name + " does not parse", e);
        }
    }
}
