package io.lobsterops.kit.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class SecretSealTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void aSealedSecretOpensOnlyInItsOwnContextAndWithItsKey() {
        SecretSeal seal = SecretSeal.withKey(KEY, "test.key");
        String sealed = seal.seal("destination/1/bot-token", "123456:ABC-secret");
        assertFalse(sealed.contains("secret"));
        assertNotEquals(sealed, seal.seal("destination/1/bot-token", "123456:ABC-secret"), "a nonce per sealing");
        assertEquals("123456:ABC-secret", seal.open("destination/1/bot-token", sealed));
        assertThrows(IllegalStateException.class, () -> seal.open("destination/2/bot-token", sealed));
        byte[] other = new byte[32];
        other[0] = 1;
        SecretSeal otherKey = SecretSeal.withKey(Base64.getEncoder().encodeToString(other), "test.key");
        assertThrows(IllegalStateException.class, () -> otherKey.open("destination/1/bot-token", sealed));
    }

    @Test
    void aMalformedKeyNamesItsProperty() {
        IllegalStateException shortKey = assertThrows(IllegalStateException.class,
                () -> SecretSeal.withKey(Base64.getEncoder().encodeToString(new byte[16]), "lobsterops.x.key"));
        assertEquals("lobsterops.x.key must be base64 of 32 bytes (AES-256)", shortKey.getMessage());
        assertThrows(IllegalStateException.class, () -> SecretSeal.withKey("not base64 !", "lobsterops.x.key"));
        assertThrows(IllegalStateException.class, () -> SecretSeal.withKey(KEY, "k").open("c", "plain text"));
    }
}
