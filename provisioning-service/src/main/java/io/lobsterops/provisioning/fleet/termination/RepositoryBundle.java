package io.lobsterops.provisioning.fleet.termination;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code git bundle} of the client's config repository, when provisioning can read it (ADR 0040): a mirror clone
 * with no prompt and no agent ({@code GIT_TERMINAL_PROMPT=0}, SSH in batch mode), then {@code git bundle create --all}.
 * provisioning holds no key of the git server: a repository it cannot read is recorded as such, never an error.
 */
final class RepositoryBundle {

    record Result(byte[] bundle, String note) {
    }

    private RepositoryBundle() {
    }

    static Result of(String repository, Duration timeout) {
        if (repository == null || repository.isBlank()) {
            return new Result(null, "no config repository was ever released for this engagement");
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("lobsterops-bundle-");
            Path mirror = work.resolve("repo.git");
            String cloned = git(work, timeout, "clone", "--mirror", "--quiet", "--", repository, mirror.toString());
            if (cloned != null) {
                return new Result(null, "repository " + repository + " not readable by provisioning: " + cloned);
            }
            Path bundle = work.resolve("repository.bundle");
            String bundled = git(mirror, timeout, "bundle", "create", "--quiet", bundle.toString(), "--all");
            if (bundled != null) {
                return new Result(null, "repository " + repository + " could not be bundled: " + bundled);
            }
            return new Result(Files.readAllBytes(bundle), "repository " + repository + " bundled (git bundle, all refs)");
        } catch (IOException e) {
            return new Result(null, "repository " + repository + " not bundled: " + e.getMessage());
        } finally {
            if (work != null) {
                try (var walk = Files.walk(work)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary directory left behind holds no secret
                }
            }
        }
    }

    /** Runs git; answers null on success, else its last output line. */
    private static String git(Path dir, Duration timeout, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("lobsterops-git-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().put("GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o ConnectTimeout=10");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            Files.deleteIfExists(log);
            return "git is not available (" + e.getMessage() + ")";
        }
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timed out after " + timeout.toSeconds() + " s";
            }
            if (process.exitValue() == 0) {
                return null;
            }
            String text = Files.readString(log).strip();
            return text.isEmpty() ? "exit status " + process.exitValue() : text.substring(text.lastIndexOf('\n') + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return "interrupted";
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
