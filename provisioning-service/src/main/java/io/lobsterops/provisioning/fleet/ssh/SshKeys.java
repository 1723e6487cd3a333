package io.lobsterops.provisioning.fleet.ssh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import net.schmizz.sshj.common.Buffer;

/**
 * Ed25519 key pairs for hosts, in OpenSSH's own formats: the public key as an {@code authorized_keys} line and the
 * private key as an unencrypted {@code openssh-key-v1} file (encrypted at rest by the caller). Generated with the
 * JDK's Ed25519, so no extra crypto library is needed; sshj reads the result like any key from ssh-keygen.
 */
public final class SshKeys {

    private static final String TYPE = "ssh-ed25519";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SshKeys() {
    }

    /** A new key pair: the OpenSSH private key file text and the public key line. */
    public record GeneratedKey(String privateKeyOpenSsh, String publicKeyLine) {

        @Override
        public String toString() {
            return "GeneratedKey[" + publicKeyLine + "]";
        }
    }

    public static GeneratedKey generate(String comment) {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no Ed25519", e);
        }
        byte[] x509 = pair.getPublic().getEncoded();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        byte[] publicKey = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        byte[] seed = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);

        byte[] publicBlob = sshString(TYPE.getBytes(StandardCharsets.US_ASCII), publicKey);
        ByteArrayOutputStream secret = new ByteArrayOutputStream();
        int check = RANDOM.nextInt();
        writeInt(secret, check);
        writeInt(secret, check);
        writeString(secret, TYPE.getBytes(StandardCharsets.US_ASCII));
        writeString(secret, publicKey);
        byte[] seedAndPublic = new byte[64];
        System.arraycopy(seed, 0, seedAndPublic, 0, 32);
        System.arraycopy(publicKey, 0, seedAndPublic, 32, 32);
        writeString(secret, seedAndPublic);
        writeString(secret, comment.getBytes(StandardCharsets.UTF_8));
        for (int pad = 1; secret.size() % 8 != 0; pad++) {
            secret.write(pad);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
        writeString(file, "none".getBytes(StandardCharsets.US_ASCII));
        writeString(file, "none".getBytes(StandardCharsets.US_ASCII));
        writeString(file, new byte[0]);
        writeInt(file, 1);
        writeString(file, publicBlob);
        writeString(file, secret.toByteArray());
        Arrays.fill(seed, (byte) 0);
        Arrays.fill(seedAndPublic, (byte) 0);

        String body = Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(file.toByteArray());
        String privateKey = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + body + "\n-----END OPENSSH PRIVATE KEY-----\n";
        String publicLine = TYPE + " " + Base64.getEncoder().encodeToString(publicBlob) + " " + comment;
        return new GeneratedKey(privateKey, publicLine);
    }

    /** OpenSSH's {@code SHA256:<base64, unpadded>} fingerprint of a host or user key, as ssh-keygen -l prints it. */
    public static String fingerprint(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        return fingerprintOfBlob(blob);
    }

    public static String fingerprintOfBlob(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fingerprint of an {@code authorized_keys} line. */
    public static String fingerprintOfLine(String publicKeyLine) {
        String[] parts = publicKeyLine.strip().split("\\s+");
        return fingerprintOfBlob(Base64.getDecoder().decode(parts[1]));
    }

    private static byte[] sshString(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            writeString(out, part);
        }
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, byte[] value) {
        writeInt(out, value.length);
        out.writeBytes(value);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
