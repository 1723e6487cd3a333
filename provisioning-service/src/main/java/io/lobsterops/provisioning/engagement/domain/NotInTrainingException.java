package io.lobsterops.provisioning.engagement.domain;

import java.util.UUID;

import io.lobsterops.events.Stage;

/** The client accepts a delivery only while its agent is in TRAINING. */
public class NotInTrainingException extends RuntimeException {

    public NotInTrainingException(UUID engagementId, Stage stage) {
        super("Engagement " + engagementId + " is " + stage + "; the client accepts the delivery in TRAINING only"
                + (stage == Stage.LIVE || stage == Stage.STABLE || stage == Stage.MAINTENANCE ? " (already accepted)."
                        : "."));
    }
}
