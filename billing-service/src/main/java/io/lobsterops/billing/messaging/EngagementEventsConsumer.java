package io.lobsterops.billing.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.billing.service.AccountService;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.EventTypes;
import io.lobsterops.kit.messaging.EventHandler;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.smallrye.mutiny.Uni;

/** Opens and follows billing accounts from the engagement events. */
@ApplicationScoped
public class EngagementEventsConsumer implements EventHandler {

    private final AccountService accounts;

    public EngagementEventsConsumer(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public boolean handles(String type) {
        return EventTypes.ENGAGEMENT_OPENED.equals(type) || EventTypes.ENGAGEMENT_STAGE_CHANGED.equals(type);
    }

    @Override
    public Uni<Void> handle(ReceivedEvent event) {
        return switch (event.payload()) {
            case EngagementOpened opened -> accounts.opened(event, opened);
            case EngagementStageChanged changed -> accounts.stageChanged(event, changed);
            default -> Uni.createFrom().voidItem();
        };
    }
}
