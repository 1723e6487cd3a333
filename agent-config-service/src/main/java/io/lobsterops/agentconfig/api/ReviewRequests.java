package io.lobsterops.agentconfig.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the review and versioning endpoints. */
public final class ReviewRequests {

    private ReviewRequests() {
    }

    /** What the reviewer wants changed. */
    public record ChangesRequest(@NotBlank @Size(max = 4000) String comments) {
    }

    /** The earlier commit of the default branch whose tree is to be restored. */
    public record RollbackRequest(@NotBlank @Pattern(regexp = "[0-9a-f]{7,40}", message = "must be a commit id")
    String commit) {
    }

    /** The commit a rollback made. */
    public record RollbackView(String commit) {
    }
}
