package io.lobsterops.provisioning.engagement.api;

import java.time.Instant;

import io.lobsterops.events.Stage;
import io.lobsterops.provisioning.engagement.domain.StageChange;

public record StageChangeView(Stage from, Stage to, String reason, String changedBy, Instant changedAt) {

    public static StageChangeView from(StageChange change) {
        return new StageChangeView(change.from, change.to, change.reason, change.changedBy, change.changedAt);
    }
}
