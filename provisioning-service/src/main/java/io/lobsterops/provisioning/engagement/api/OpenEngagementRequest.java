package io.lobsterops.provisioning.engagement.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /engagements}: {@code clientId} names an existing client or a new one. */
public record OpenEngagementRequest(
        @NotBlank @Pattern(regexp = SLUG, message = "must be a slug: 2-63 lower-case letters, digits or dashes") String clientId,
        @NotBlank @Size(max = NAME_MAX) String clientName,
        @Size(max = 200) String contactName,
        @Email @Size(max = 320) String contactEmail,
        @Size(max = 100) String sector,
        @Size(max = 100) String region) {

    static final String SLUG = "^[a-z0-9][a-z0-9-]{1,62}$";

    /** The longest client name, at opening and when a supervisor corrects it. */
    static final int NAME_MAX = 200;
}
