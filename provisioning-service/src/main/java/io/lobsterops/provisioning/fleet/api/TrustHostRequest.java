package io.lobsterops.provisioning.fleet.api;

import jakarta.validation.constraints.Pattern;

/**
 * {@code POST /hosts/{id}/trust}: the host key fingerprint the operator expects ({@code SHA256:...}, as
 * {@code ssh-keygen -lf} prints it). Without it, the key the host presents is trusted on first use, recorded with who
 * accepted it.
 */
public record TrustHostRequest(
        @Pattern(regexp = "^SHA256:[A-Za-z0-9+/]{43}$", message = "must be an OpenSSH SHA256 fingerprint") String fingerprint) {
}
