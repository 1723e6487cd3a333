package io.lobsterops.kit.messaging;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.kit.api.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The contract's records and the problem body are (de)serialized by Jackson: keep them in native images. */
@RegisterForReflection(targets = { EngagementOpened.class, EngagementStageChanged.class, Problem.class,
        Problem.Violation.class })
public final class ContractReflection {

    private ContractReflection() {
    }
}
