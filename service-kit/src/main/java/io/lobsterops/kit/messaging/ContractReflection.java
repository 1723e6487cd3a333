package io.lobsterops.kit.messaging;

import io.lobsterops.events.AgentDeployed;
import io.lobsterops.events.AgentFile;
import io.lobsterops.events.AgentResumed;
import io.lobsterops.events.AgentSuspended;
import io.lobsterops.events.ConfigApproved;
import io.lobsterops.events.ConfigProposed;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.GatewayInstalled;
import io.lobsterops.events.IncidentOpened;
import io.lobsterops.events.PaymentReceived;
import io.lobsterops.events.ProvisioningFailed;
import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.api.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The contract's records and the API envelopes are (de)serialized by Jackson: keep them in native images. */
@RegisterForReflection(targets = { EngagementOpened.class, EngagementStageChanged.class, GatewayInstalled.class,
        ProvisioningFailed.class, ConfigProposed.class, ConfigApproved.class, AgentFile.class, AgentDeployed.class,
        AgentSuspended.class, AgentResumed.class, PaymentReceived.class, IncidentOpened.class, Problem.class,
        Problem.Violation.class, PageView.class })
public final class ContractReflection {

    private ContractReflection() {
    }
}
