package io.lobsterops.provisioning.fleet.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.lobsterops.provisioning.fleet.domain.HostKind;

/**
 * {@code POST /hosts}: an existing machine to run gateways on. {@code sshPort} defaults to 22; {@code installDir}
 * (where Node and openclaw go, relative to the login user's home or absolute) to the configured default. With
 * {@code hostKeyFingerprint} (as {@code ssh-keygen -lf} prints it) the host key is pinned at once, by the registrant,
 * and the first connection must present it; without it, {@code POST /hosts/{id}/trust} pins it later.
 */
public record RegisterHostRequest(
        @NotBlank @Size(max = 100) String name,
        @NotBlank @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9.:\\-]{0,252}$", message = "must be a host name or IP address") String address,
        @Min(1) @Max(65535) Integer sshPort,
        @NotBlank @Pattern(regexp = "^[a-z_][a-z0-9_\\-]{0,31}$", message = "must be a POSIX user name") String loginUser,
        @NotNull HostKind kind,
        @NotNull @Min(1) @Max(64) Integer capacity,
        @Size(max = 100) String region,
        @Pattern(regexp = "^[A-Za-z0-9._/-]{1,200}$", message = "must be a plain path") String installDir,
        @Pattern(regexp = "^SHA256:[A-Za-z0-9+/]{43}$", message = "must be an OpenSSH SHA256 fingerprint") String hostKeyFingerprint) {
}
