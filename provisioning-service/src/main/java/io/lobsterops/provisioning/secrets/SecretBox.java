package io.lobsterops.provisioning.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.provisioning.config.ProvisioningConfig;

/**
 * Encrypts secrets at rest with AES-256-GCM (DESIGN §4). A sealed value is {@code v1:} + base64(12-byte nonce |
 * ciphertext | tag); the context (e.g. {@code host/<id>/ssh-key}) is bound as associated data, so a value copied to
 * another row or purpose does not open.
 */
@ApplicationScoped
public class SecretBox {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final ProvisioningConfig config;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKeySpec key;

    public SecretBox(ProvisioningConfig config) {
        this.config = config;
    }

    public String seal(String context, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret", e);
        }
    }

    public String open(String context, String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("not a sealed secret (" + context + ")");
        }
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a secret (" + context + ") does not decrypt with the configured key", e);
        }
    }

    /** A random token for a gateway: 32 bytes, URL-safe base64. */
    public String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            String configured = config.secrets().key().orElseThrow(() -> new IllegalStateException(
                    "lobsterops.provisioning.secrets.key is not set: provisioning-service cannot store or read secrets"));
            byte[] raw = Base64.getDecoder().decode(configured.strip());
            if (raw.length != 32) {
                throw new IllegalStateException("lobsterops.provisioning.secrets.key must be base64 of 32 bytes (AES-256)");
            }
            current = new SecretKeySpec(raw, "AES");
            key = current;
        }
        return current;
    }
}
