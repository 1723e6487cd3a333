package io.lobsterops.provisioning.fleet.openclaw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void knownSecretsAndCredentialShapesAreMasked() {
        String out = Redactor.of("gw-token-0123456789").redact("token gw-token-0123456789, key sk-abcdefghijkl,"
                + " bot 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1 done");
        assertFalse(out.contains("gw-token-0123456789"));
        assertFalse(out.contains("sk-abcdefghijkl"));
        assertFalse(out.contains("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"));
        assertEquals("token [REDACTED], key [REDACTED], bot [REDACTED] done", out);
    }
}
