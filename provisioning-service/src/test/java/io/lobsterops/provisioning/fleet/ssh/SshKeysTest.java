package io.lobsterops.provisioning.fleet.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshKeysTest {

    @Test
    void aGeneratedKeyIsAnOpenSshKeyThatSshKeygenReadsWithTheSameFingerprint(@TempDir Path dir) throws Exception {
        SshKeys.GeneratedKey key = SshKeys.generate("lobsterops-test");
        assertTrue(key.publicKeyLine().startsWith("ssh-ed25519 "));
        Path file = dir.resolve("id_ed25519");
        Files.writeString(file, key.privateKeyOpenSsh());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Process derived = new ProcessBuilder("ssh-keygen", "-y", "-f", file.toString()).start();
        String publicFromPrivate = new String(derived.getInputStream().readAllBytes()).strip();
        derived.waitFor(10, TimeUnit.SECONDS);
        assertEquals(0, derived.exitValue());
        assertTrue(key.publicKeyLine().startsWith(publicFromPrivate), publicFromPrivate);

        Files.writeString(dir.resolve("id_ed25519.pub"), key.publicKeyLine() + "\n");
        Process fingerprint = new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f",
                dir.resolve("id_ed25519.pub").toString()).start();
        String printed = new String(fingerprint.getInputStream().readAllBytes()).split(" ")[1];
        assertEquals(printed, SshKeys.fingerprintOfLine(key.publicKeyLine()));
    }
}
