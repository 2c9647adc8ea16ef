package vn.dinhdanh.chip.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This node's CSCA trust: the {@link TrustStore} loaded from the operator's files, reloaded without a
 * restart when they change ({@link #reload}, from a timer and from the admin action). Per node by nature:
 * each node reads its own files, so every node must be given the same ones (docs: "Trust reload").
 *
 * <p>A reload that fails (a broken, unsigned or half-written file) keeps the store in use and says so:
 * trust never silently drops to nothing, nor widens to what the operator did not mean.
 */
public final class TrustState {

    /** What one reload did. */
    public enum Result { LOADED, UNCHANGED, FAILED }

    /** The outcome of the last reload attempt, for the log, the admin answer and {@code /metrics}. */
    public record Attempt(Result result, Instant at, String error) {
    }

    /** One CRL's freshness: days left until its nextUpdate (negative: stale). */
    public record CrlFreshness(String issuer, Instant nextUpdate, long secondsLeft) {

        public boolean stale() {
            return secondsLeft < 0;
        }
    }

    private final List<Path> files;
    private final List<Path> masterListAnchorFiles;
    private final Clock clock;
    private final AtomicReference<Loaded> current;
    private final AtomicReference<Attempt> lastAttempt = new AtomicReference<>();

    private record Loaded(TrustStore store, String fingerprint, Instant at) {
    }

    /** Loads the files now; throws when they cannot be loaded (a node must not start trusting nothing by mistake). */
    public TrustState(List<Path> files, List<Path> masterListAnchorFiles, Clock clock) throws IOException, GeneralSecurityException {
        this.files = List.copyOf(files);
        this.masterListAnchorFiles = List.copyOf(masterListAnchorFiles);
        this.clock = Objects.requireNonNull(clock, "clock");
        String fingerprint = fingerprint();
        this.current = new AtomicReference<>(new Loaded(load(), fingerprint, clock.instant()));
        lastAttempt.set(new Attempt(Result.LOADED, clock.instant(), null));
    }

    /** A fixed store that never reloads (no files configured, or tests). */
    public static TrustState fixed(TrustStore store, Clock clock) {
        try {
            TrustState state = new TrustState(List.of(), List.of(), clock);
            state.current.set(new Loaded(store, "", clock.instant()));
            return state;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public TrustStore store() {
        return current.get().store();
    }

    public List<Path> files() {
        return files;
    }

    public Instant loadedAt() {
        return current.get().at();
    }

    public Optional<Attempt> lastAttempt() {
        return Optional.ofNullable(lastAttempt.get());
    }

    /**
     * Reads the files again and swaps the store in when they changed (or always, with {@code force}). Never
     * throws: a failure is the returned attempt, and the previous store stays.
     */
    public synchronized Attempt reload(boolean force) {
        Attempt attempt;
        if (files.isEmpty()) {
            attempt = new Attempt(Result.UNCHANGED, clock.instant(), null);
        } else {
            try {
                String fingerprint = fingerprint();
                if (!force && fingerprint.equals(current.get().fingerprint())) {
                    attempt = new Attempt(Result.UNCHANGED, clock.instant(), null);
                } else {
                    current.set(new Loaded(load(), fingerprint, clock.instant()));
                    attempt = new Attempt(Result.LOADED, clock.instant(), null);
                }
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                attempt = new Attempt(Result.FAILED, clock.instant(), e.getMessage());
            }
        }
        lastAttempt.set(attempt);
        return attempt;
    }

    /** Every CRL's time left until nextUpdate, soonest first. */
    public List<CrlFreshness> crlFreshness() {
        Instant now = clock.instant();
        List<CrlFreshness> all = new ArrayList<>();
        for (X509CRL crl : store().crls()) {
            Instant next = crl.getNextUpdate() == null ? Instant.EPOCH : crl.getNextUpdate().toInstant();
            all.add(new CrlFreshness(crl.getIssuerX500Principal().getName(), next, Duration.between(now, next).getSeconds()));
        }
        all.sort(Comparator.comparing(CrlFreshness::nextUpdate));
        return all;
    }

    /** Seconds until the soonest CRL nextUpdate (negative when one is stale), empty without CRLs. */
    public Optional<Long> secondsToFirstCrlExpiry() {
        return crlFreshness().stream().findFirst().map(CrlFreshness::secondsLeft);
    }

    private TrustStore load() throws IOException, GeneralSecurityException {
        if (files.isEmpty()) {
            return TrustStore.of(List.of(), List.of());
        }
        return new TrustStoreLoader(clock, TrustStoreLoader.certificates(masterListAnchorFiles)).load(files);
    }

    private String fingerprint() throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : concat(files, masterListAnchorFiles)) {
                if (Files.size(file) > TrustStoreLoader.MAX_FILE_BYTES) {
                    throw new IOException(file + ": larger than " + TrustStoreLoader.MAX_FILE_BYTES + " bytes");
                }
                digest.update(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
