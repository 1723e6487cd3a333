package io.lobsterops.notification.secrets;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.secrets.SecretSeal;
import io.lobsterops.notification.config.NotificationConfig;

/**
 * Destination secrets (bot tokens, incoming-webhook URLs) sealed at rest with AES-256-GCM, bound to their destination
 * ({@code destination/<id>/secret}): a sealed value copied to another row does not open.
 */
@ApplicationScoped
public class SecretBox {

    static final String PROPERTY = "lobsterops.notification.secrets.key";

    private final NotificationConfig config;
    private volatile SecretSeal seal;

    public SecretBox(NotificationConfig config) {
        this.config = config;
    }

    public String seal(String context, String plaintext) {
        return seal().seal(context, plaintext);
    }

    public String open(String context, String sealed) {
        return seal().open(context, sealed);
    }

    public static String destinationContext(java.util.UUID destinationId) {
        return "destination/" + destinationId + "/secret";
    }

    private SecretSeal seal() {
        SecretSeal current = seal;
        if (current == null) {
            String configured = config.secrets().key().orElseThrow(() -> new IllegalStateException(
                    PROPERTY + " is not set: notification-service cannot store or read destination secrets"));
            current = SecretSeal.withKey(configured, PROPERTY);
            seal = current;
        }
        return current;
    }
}
