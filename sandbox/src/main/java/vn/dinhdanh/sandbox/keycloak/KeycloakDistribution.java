package vn.dinhdanh.sandbox.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import vn.dinhdanh.sandbox.FileTrees;
import vn.dinhdanh.sandbox.SandboxException;

/**
 * An unpacked Keycloak server distribution with our providers, configuration and realm files in
 * place, built ({@code kc.sh build}) for them. Production does the same in the container image.
 */
public final class KeycloakDistribution {

    private static final String BUILD_STAMP = ".dinhdanh-build";

    private final Path home;

    private KeycloakDistribution(Path home) {
        this.home = home;
    }

    /**
     * Unpacks {@code zip} into {@code parent/keycloak-<version>} unless already there. Unpacking goes
     * to a temporary directory first, so an interrupted unpack never looks like a complete one.
     */
    public static KeycloakDistribution unpack(Path zip, String version, Path parent) {
        Path home = parent.resolve("keycloak-" + version);
        if (Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            return new KeycloakDistribution(home);
        }
        try {
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, ".unpacking-");
            try {
                unzip(zip, staging);
                Path unpacked = staging.resolve("keycloak-" + version);
                if (!Files.isRegularFile(unpacked.resolve("bin/kc.sh"))) {
                    throw new SandboxException(zip + " is not a Keycloak " + version + " server distribution");
                }
                Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                FileTrees.delete(staging);
            }
            return new KeycloakDistribution(home);
        } catch (IOException e) {
            throw new SandboxException("cannot unpack the Keycloak distribution into " + parent + ": " + e.getMessage(), e);
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, out);
                }
                if (out.getParent().getFileName().toString().equals("bin") && out.toString().endsWith(".sh")) {
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    /**
     * Puts exactly these provider jars, this {@code keycloak.conf} and these realm files in place.
     * Jars deployed earlier but no longer listed are removed.
     */
    public void deploy(List<Path> providerJars, Path keycloakConf, List<Path> realmFiles) {
        try {
            Path providers = home.resolve("providers");
            Files.createDirectories(providers);
            List<Path> wanted = providerJars.stream().map(Path::getFileName).toList();
            try (DirectoryStream<Path> deployed = Files.newDirectoryStream(providers, "*.jar")) {
                for (Path jar : deployed) {
                    if (!wanted.contains(jar.getFileName())) {
                        Files.delete(jar);
                    }
                }
            }
            for (Path jar : providerJars) {
                copyIfChanged(jar, providers.resolve(jar.getFileName()));
            }
            copyIfChanged(keycloakConf, home.resolve("conf/keycloak.conf"));
            Path imports = home.resolve("data/import");
            Files.createDirectories(imports);
            try (DirectoryStream<Path> old = Files.newDirectoryStream(imports, "*.json")) {
                for (Path json : old) {
                    Files.delete(json);
                }
            }
            for (Path realm : realmFiles) {
                Files.copy(realm, imports.resolve(realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new SandboxException("cannot deploy into " + home + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies only when the content differs: {@code start --optimized} refuses to run when a provider
     * jar is newer than the last build, even if it is byte for byte the same.
     */
    private static void copyIfChanged(Path source, Path target) throws IOException {
        if (Files.isRegularFile(target) && Files.mismatch(source, target) == -1) {
            return;
        }
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Runs {@code kc.sh build} unless the providers and build options are the ones of the last
     * build. Returns whether it built.
     */
    public boolean buildIfNeeded(Path log) {
        String fingerprint = fingerprint();
        Path stamp = home.resolve(BUILD_STAMP);
        try {
            if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(fingerprint)) {
                return false;
            }
            Files.deleteIfExists(stamp);
            Files.createDirectories(log.getParent());
            Process build = JavaRuntime.environment(new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "build"))
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!build.waitFor(10, TimeUnit.MINUTES)) {
                build.destroyForcibly();
                throw new SandboxException("kc.sh build did not finish in 10 minutes; see " + log);
            }
            if (build.exitValue() != 0) {
                throw new SandboxException("kc.sh build failed (exit " + build.exitValue() + "): "
                        + LogTail.lastError(log) + "; full log: " + log);
            }
            Files.writeString(stamp, fingerprint);
            return true;
        } catch (IOException e) {
            throw new SandboxException("cannot run kc.sh build in " + home + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while building Keycloak", e);
        }
    }

    /** SHA-256 over the build inputs we control: the deployed jars and keycloak.conf, content and time. */
    private String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<Path> inputs = new ArrayList<>();
            try (Stream<Path> jars = Files.list(home.resolve("providers"))) {
                jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(inputs::add);
            }
            inputs.add(home.resolve("conf/keycloak.conf"));
            for (Path input : inputs) {
                digest.update(input.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(input));
                // Keycloak compares modification times with its last build: a touched jar needs a build too.
                digest.update(Long.toString(Files.getLastModifiedTime(input).toMillis()).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * This built distribution, copied for one node of a cluster on this machine: a node's {@code data/} holds
     * its own transaction log and must never be shared. Copied again only when this one was built again;
     * modification times are kept, else {@code start --optimized} takes the copied jars for changed providers.
     */
    public KeycloakDistribution copyForNode(Path target) {
        try {
            Path stamp = home.resolve(BUILD_STAMP);
            Path copied = target.resolve(BUILD_STAMP);
            if (Files.isRegularFile(copied) && Files.mismatch(stamp, copied) == -1) {
                refreshImports(target);
                return new KeycloakDistribution(target);
            }
            FileTrees.delete(target);
            Files.createDirectories(target.getParent());
            try (Stream<Path> tree = Files.walk(home)) {
                for (Path source : (Iterable<Path>) tree::iterator) {
                    Path relative = home.relativize(source);
                    if (relative.startsWith("data") && !relative.toString().equals("data")
                            && !relative.startsWith(Path.of("data", "import"))) {
                        continue; // transaction log, caches, tmp: each node its own
                    }
                    if (relative.toString().equals(BUILD_STAMP)) {
                        continue; // last, once everything else is there
                    }
                    Files.copy(source, target.resolve(relative.toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            Files.copy(stamp, copied, StandardCopyOption.COPY_ATTRIBUTES);
            return new KeycloakDistribution(target);
        } catch (IOException e) {
            throw new SandboxException("cannot copy the Keycloak distribution to " + target + ": " + e.getMessage(), e);
        }
    }

    /** The realm files of this distribution, in a node's copy too (they are not build inputs). */
    private void refreshImports(Path target) throws IOException {
        Path imports = target.resolve("data/import");
        FileTrees.delete(imports);
        Files.createDirectories(imports);
        try (DirectoryStream<Path> realms = Files.newDirectoryStream(home.resolve("data/import"), "*.json")) {
            for (Path realm : realms) {
                Files.copy(realm, imports.resolve(realm.getFileName()));
            }
        }
    }

    public Path home() {
        return home;
    }
}
