package io.lobsterops.kit.messaging;

import io.lobsterops.events.AgentAccepted;
import io.lobsterops.events.AgentDeployed;
import io.lobsterops.events.AgentFile;
import io.lobsterops.events.AgentPauseRequested;
import io.lobsterops.events.AgentResumed;
import io.lobsterops.events.AgentStable;
import io.lobsterops.events.AgentSuspended;
import io.lobsterops.events.AgentTerminated;
import io.lobsterops.events.AgentUpgradeRolledBack;
import io.lobsterops.events.AgentUpgraded;
import io.lobsterops.events.BalanceTrigger;
import io.lobsterops.events.ClientArchived;
import io.lobsterops.events.ClientRenamed;
import io.lobsterops.events.ConfigApproved;
import io.lobsterops.events.ConfigProposed;
import io.lobsterops.events.ContractSigned;
import io.lobsterops.events.DiscoveryAnswered;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.EscalationRaised;
import io.lobsterops.events.EscalationResolved;
import io.lobsterops.events.GatewayHealth;
import io.lobsterops.events.GatewayHealthChanged;
import io.lobsterops.events.GatewayInstalled;
import io.lobsterops.events.GoldSetEvaluated;
import io.lobsterops.events.GoldSetOccasion;
import io.lobsterops.events.Handoff;
import io.lobsterops.events.HostChanged;
import io.lobsterops.events.HostRegistered;
import io.lobsterops.events.IncidentOpened;
import io.lobsterops.events.InvoiceIssued;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.events.InvoicePaid;
import io.lobsterops.events.NotificationAcknowledged;
import io.lobsterops.events.PaymentFailed;
import io.lobsterops.events.PaymentKind;
import io.lobsterops.events.PaymentReceived;
import io.lobsterops.events.Priority;
import io.lobsterops.events.ProvisioningFailed;
import io.lobsterops.events.ReportReady;
import io.lobsterops.events.ScheduleChanged;
import io.lobsterops.events.Stage;
import io.lobsterops.events.TokenPayer;
import io.lobsterops.events.UsageRecorded;
import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.api.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The contract's payload records, their nested records and enums, and the API envelopes are (de)serialized by
 * Jackson: a native image keeps them only when registered here. {@code ContractReflectionTest} walks the catalog and
 * fails when a payload or a type one reaches is missing, so a new event cannot be forgotten.
 */
@RegisterForReflection(targets = {
        AgentAccepted.class,
        AgentDeployed.class,
        AgentFile.class,
        AgentPauseRequested.class,
        AgentResumed.class,
        AgentStable.class,
        AgentSuspended.class,
        AgentTerminated.class,
        AgentUpgradeRolledBack.class,
        AgentUpgraded.class,
        ClientArchived.class,
        ClientRenamed.class,
        ConfigApproved.class,
        ConfigProposed.class,
        ContractSigned.class,
        DiscoveryAnswered.class,
        DiscoveryAnswered.Answer.class,
        EngagementOpened.class,
        EngagementStageChanged.class,
        EscalationRaised.class,
        EscalationResolved.class,
        GatewayHealthChanged.class,
        GatewayInstalled.class,
        GoldSetEvaluated.class,
        GoldSetEvaluated.CaseResult.class,
        Handoff.class,
        HostChanged.class,
        HostRegistered.class,
        IncidentOpened.class,
        InvoiceIssued.class,
        InvoicePaid.class,
        NotificationAcknowledged.class,
        PaymentFailed.class,
        PaymentReceived.class,
        ProvisioningFailed.class,
        ReportReady.class,
        ScheduleChanged.class,
        UsageRecorded.class,
        BalanceTrigger.class,
        GatewayHealth.class,
        GoldSetOccasion.class,
        InvoiceKind.class,
        PaymentKind.class,
        Priority.class,
        Stage.class,
        TokenPayer.class,
        Problem.class, Problem.Violation.class, PageView.class })
public final class ContractReflection {

    private ContractReflection() {
    }
}
