package vn.dinhdanh.app.device;

import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.util.exception.WebAuthnException;
import java.util.function.Supplier;

/**
 * webauthn4j reading and checking a stranger's bytes (attestation objects, App Attest attestations and assertions).
 * Besides its own {@link WebAuthnException}s it lets Jackson's mapping errors out as {@code UncheckedIOException},
 * casts a certificate's key unchecked, and looks up a COSE key's type with a null key: all found by fuzzing, all just
 * bad input. Each becomes a {@link DataConversionException}, which the resources answer 400 as they do the others.
 */
final class Webauthn4jInput {

    private Webauthn4jInput() {
    }

    /** @param what what the bytes are, for the exception's message (never the bytes themselves) */
    static <T> T read(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (WebAuthnException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DataConversionException(what + " is not well-formed", e);
        }
    }
}
