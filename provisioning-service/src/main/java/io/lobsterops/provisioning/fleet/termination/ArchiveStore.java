package io.lobsterops.provisioning.fleet.termination;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The archive store (ADR 0040): a directory holding, per termination, {@code <id>/files/…} and {@code
 * <id>/MANIFEST.sha256} ({@code sha256sum -c} format, paths relative to {@code files/}). The manifest's own SHA-256 is
 * what the certificate and {@code agent.terminated} carry. An archive is written under a temporary name and renamed
 * once complete, so a resumed export never finds half an archive.
 */
@ApplicationScoped
public class ArchiveStore {

    public static final String MANIFEST = "MANIFEST.sha256";

    private final TerminationConfig config;

    public ArchiveStore(TerminationConfig config) {
        this.config = config;
    }

    public record Stored(Path path, String manifestSha256, int files, long bytes) {
    }

    public Path root() {
        return Path.of(config.archiveDir()).toAbsolutePath().normalize();
    }

    /** The archive already written for {@code terminationId}, if complete. */
    public java.util.Optional<Stored> existing(String terminationId) {
        Path dir = root().resolve(terminationId);
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return java.util.Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(manifest);
            List<String> lines = Files.readAllLines(manifest);
            long size;
            try (Stream<Path> walk = Files.walk(dir.resolve("files"))) {
                size = walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
            return java.util.Optional.of(new Stored(dir, sha256(bytes), lines.size(), size));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the files (paths relative, no {@code ..}) and their manifest; answers where and the manifest's hash. */
    public Stored write(String terminationId, Map<String, byte[]> files) {
        Path dir = root().resolve(terminationId);
        Path partial = root().resolve(terminationId + ".partial");
        try {
            deleteTree(partial);
            Files.createDirectories(partial.resolve("files"));
            StringBuilder manifest = new StringBuilder();
            long bytes = 0;
            for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
                String relative = safe(file.getKey());
                Path target = partial.resolve("files").resolve(relative).normalize();
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
                manifest.append(sha256(file.getValue())).append("  ").append(relative).append('\n');
                bytes += file.getValue().length;
            }
            byte[] manifestBytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
            Files.write(partial.resolve(MANIFEST), manifestBytes);
            deleteTree(dir);
            Files.move(partial, dir);
            return new Stored(dir, sha256(manifestBytes), files.size(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the archive " + dir, e);
        }
    }

    /** Checks every file against the manifest; answers the mismatches (empty when the archive verifies). */
    public List<String> verify(Path dir) {
        try {
            List<String> problems = new java.util.ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve(MANIFEST))) {
                String hash = line.substring(0, 64);
                String relative = line.substring(66);
                Path file = dir.resolve("files").resolve(relative);
                if (!Files.isRegularFile(file) || !hash.equals(sha256(Files.readAllBytes(file)))) {
                    problems.add(relative);
                }
            }
            return problems;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The archive as a zip: {@code MANIFEST.sha256} and {@code files/…}. */
    public byte[] zip(Path dir) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(out);
                Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
            zip.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the archive " + dir, e);
        }
    }

    public void delete(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the archive " + dir, e);
        }
    }

    static String safe(String relative) {
        String r = relative.replace('\\', '/');
        while (r.startsWith("/")) {
            r = r.substring(1);
        }
        if (r.isEmpty() || r.contains("\n") || List.of(r.split("/")).contains("..")) {
            throw new IllegalArgumentException("unsafe archive path: " + relative);
        }
        return r;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
