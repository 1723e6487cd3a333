package io.lobsterops.provisioning.fleet.upgrade;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A fleet upgrade: the exact OpenClaw version, and the gateways in the order they go, the first the canary. */
public record UpgradeWaveRequest(
        @NotBlank @Pattern(regexp = "\\d{1,6}\\.\\d{1,6}\\.\\d{1,6}(-[0-9A-Za-z.]{1,40})?",
                message = "must be an exact version such as 2026.9.6") String openclawVersion,
        @NotEmpty @Size(max = 200) List<@NotNull UUID> wave) {
}
