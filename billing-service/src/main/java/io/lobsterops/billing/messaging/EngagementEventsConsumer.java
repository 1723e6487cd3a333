package io.lobsterops.billing.messaging;

import java.util.Set;

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
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.Stage;
import io.lobsterops.events.UsageRecorded;
import io.lobsterops.kit.messaging.EventHandler;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.smallrye.mutiny.Uni;

/**
 * Opens and follows billing accounts from the engagement events, and bills what they tell: the balance when the
 * agent is stable or the client accepted it (as its contract says), the service period (go-live, suspensions,
 * termination with its final invoice), model usage; and keeps its own copy of the discovery answers, which proposals
 * and SOWs are written from; a client's corrected name goes on its accounts for the invoices to come (client.archived
 * needs nothing here: an archived client's engagements are all terminated, their accounts closed; ADR 0059).
 */
@ApplicationScoped
public class EngagementEventsConsumer implements EventHandler {

    private static final Set<String> TYPES = Set.of(EventTypes.ENGAGEMENT_OPENED, EventTypes.ENGAGEMENT_STAGE_CHANGED,
            EventTypes.AGENT_STABLE, EventTypes.AGENT_SUSPENDED, EventTypes.AGENT_RESUMED, EventTypes.USAGE_RECORDED,
            EventTypes.DISCOVERY_ANSWERED, EventTypes.AGENT_ACCEPTED, EventTypes.AGENT_TERMINATED,
            EventTypes.CLIENT_RENAMED);

    private final AccountService accounts;
    private final BalanceInvoice balance;
    private final ServiceRecord service;
    private final PresaleService presale;
    private final AcceptanceBilling acceptance;
    private final FinalInvoice finalInvoice;

    public EngagementEventsConsumer(AccountService accounts, BalanceInvoice balance, ServiceRecord service,
            PresaleService presale, AcceptanceBilling acceptance, FinalInvoice finalInvoice) {
        this.accounts = accounts;
        this.balance = balance;
        this.service = service;
        this.presale = presale;
        this.acceptance = acceptance;
        this.finalInvoice = finalInvoice;
    }

    @Override
    public boolean handles(String type) {
        return TYPES.contains(type);
    }

    @Override
    public Uni<Void> handle(ReceivedEvent event) {
        return switch (event.payload()) {
            case EngagementOpened opened -> accounts.opened(event, opened);
            case EngagementStageChanged changed -> accounts.stageChanged(event, changed)
                    .chain(() -> changed.to() == Stage.TERMINATED ? finalInvoice.stageTerminated(changed.engagementId())
                            : Uni.createFrom().voidItem());
            case AgentStable stable -> balance.agentStable(stable);
            case AgentSuspended suspended -> service.suspended(suspended);
            case AgentResumed resumed -> service.resumed(resumed);
            case AgentAccepted accepted -> acceptance.agentAccepted(event, accepted);
            case AgentTerminated terminated -> finalInvoice.agentTerminated(event, terminated);
            case UsageRecorded usage -> service.usageRecorded(usage);
            case DiscoveryAnswered answered -> presale.discoveryAnswered(event, answered);
            case ClientRenamed renamed -> accounts.clientRenamed(event, renamed);
            default -> Uni.createFrom().voidItem();
        };
    }
}
