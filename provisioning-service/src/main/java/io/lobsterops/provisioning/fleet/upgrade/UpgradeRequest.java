package io.lobsterops.provisioning.fleet.upgrade;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** The OpenClaw version to run: an exact npm version (no range, no tag). */
public record UpgradeRequest(
        @NotBlank @Pattern(regexp = "\\d{1,6}\\.\\d{1,6}\\.\\d{1,6}(-[0-9A-Za-z.]{1,40})?",
                message = "must be an exact version such as 2026.9.6") String openclawVersion) {
}
