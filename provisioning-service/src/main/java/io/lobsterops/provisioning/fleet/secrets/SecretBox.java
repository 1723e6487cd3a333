package io.lobsterops.provisioning.fleet.secrets;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.secrets.SecretSeal;
import io.lobsterops.provisioning.config.ProvisioningConfig;

/**
 * Encrypts secrets at rest with AES-256-GCM (architecture §4). A sealed value is {@code v1:} + base64(12-byte nonce |
 * ciphertext | tag); the context (e.g. {@code host/<id>/ssh-key}) is bound as associated data, so a value copied to
 * another row or purpose does not open.
 */
@ApplicationScoped
public class SecretBox {

    private final ProvisioningConfig config;
    private volatile SecretSeal seal;

    public SecretBox(ProvisioningConfig config) {
        this.config = config;
    }

    public String seal(String context, String plaintext) {
        return seal().seal(context, plaintext);
    }

    public String open(String context, String sealed) {
        return seal().open(context, sealed);
    }

    /** A random token for a gateway: 32 bytes, URL-safe base64. */
    public String newToken() {
        return SecretSeal.newToken();
    }

    private SecretSeal seal() {
        SecretSeal current = seal;
        if (current == null) {
            String configured = config.secrets().key().orElseThrow(() -> new IllegalStateException(
                    "lobsterops.provisioning.secrets.key is not set: provisioning-service cannot store or read secrets"));
            current = SecretSeal.withKey(configured, "lobsterops.provisioning.secrets.key");
            seal = current;
        }
        return current;
    }
}
