package io.lobsterops.provisioning.fleet.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.lobsterops.provisioning.config.ProvisioningConfig;

class SecretBoxTest {

    static SecretBox box(String key) {
        ProvisioningConfig.Secrets secrets = () -> Optional.ofNullable(key);
        ProvisioningConfig config = (ProvisioningConfig) java.lang.reflect.Proxy.newProxyInstance(
                SecretBoxTest.class.getClassLoader(), new Class<?>[] { ProvisioningConfig.class },
                (proxy, method, args) -> "secrets".equals(method.getName()) ? secrets : null);
        return new SecretBox(config);
    }

    @Test
    void aSealedSecretOpensOnlyInItsOwnContext() {
        SecretBox box = box(Base64.getEncoder().encodeToString(new byte[32]));
        String sealed = box.seal("gateway/1/token", "s3cret-value");
        assertFalse(sealed.contains("s3cret"));
        assertNotEquals(sealed, box.seal("gateway/1/token", "s3cret-value"), "a nonce per sealing");
        assertEquals("s3cret-value", box.open("gateway/1/token", sealed));
        assertThrows(IllegalStateException.class, () -> box.open("gateway/2/token", sealed));
    }

    @Test
    void withoutAKeyNothingIsSealed() {
        assertThrows(IllegalStateException.class, () -> box(null).seal("x", "y"));
    }
}
