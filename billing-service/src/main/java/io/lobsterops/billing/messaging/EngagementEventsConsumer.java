package io.lobsterops.billing.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.billing.service.AcceptanceBilling;
import io.lobsterops.billing.service.AccountService;
import io.lobsterops.billing.service.BalanceInvoice;
import io.lobsterops.billing.service.FinalInvoice;
import io.lobsterops.billing.service.PresaleService;
import io.lobsterops.billing.service.ServiceRecord;
import io.lobsterops.events.AgentAccepted;
import io.lobsterops.events.AgentResumed;
import io.lobsterops.events.AgentStable;
import io.lobsterops.events.AgentSuspended;
import io.lobsterops.events.AgentTerminated;
import io.lobsterops.events.ClientRenamed;
import io.lobsterops.events.DiscoveryAnswered;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.Stage;
import io.lobsterops.events.UsageRecorded;
import io.lobsterops.kit.messaging.EventConsumer;
import io.lobsterops.kit.messaging.EventRoutes;
import io.smallrye.mutiny.Uni;

/**
 * Opens and follows billing accounts from the engagement events, and bills what they tell: the balance when the
 * agent is stable or the client accepted it (as its contract says), the service period (go-live, suspensions,
 * termination with its final invoice), model usage; and keeps its own copy of the discovery answers, which proposals
 * and SOWs are written from; a client's corrected name goes on its accounts for the invoices to come (client.archived
 * needs nothing here: an archived client's engagements are all terminated, their accounts closed; ADR 0059).
 */
@ApplicationScoped
public class EngagementEventsConsumer implements EventConsumer {

    private final EventRoutes routes;

    public EngagementEventsConsumer(AccountService accounts, BalanceInvoice balance, ServiceRecord service,
            PresaleService presale, AcceptanceBilling acceptance, FinalInvoice finalInvoice) {
        this.routes = EventRoutes.builder()
                .onBatch(EngagementOpened.class, accounts::openedAll)   // the hot path: a poll's openings at once
                .on(EngagementStageChanged.class, (event, changed) -> accounts.stageChanged(event, changed)
                        .chain(() -> changed.to() == Stage.TERMINATED
                                ? finalInvoice.stageTerminated(changed.engagementId())
                                : Uni.createFrom().voidItem()))
                .on(AgentStable.class, balance::agentStable)
                .on(AgentSuspended.class, service::suspended)
                .on(AgentResumed.class, service::resumed)
                .on(AgentAccepted.class, acceptance::agentAccepted)
                .on(AgentTerminated.class, finalInvoice::agentTerminated)
                .on(UsageRecorded.class, service::usageRecorded)
                .on(DiscoveryAnswered.class, presale::discoveryAnswered)
                .on(ClientRenamed.class, accounts::clientRenamed)
                .build();
    }

    @Override
    public EventRoutes routes() {
        return routes;
    }
}
