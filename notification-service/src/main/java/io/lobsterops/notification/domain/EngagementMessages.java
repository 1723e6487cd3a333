package io.lobsterops.notification.domain;

import static io.lobsterops.notification.domain.Markdown.escape;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.Stage;

/**
 * What the cockpit inbox says about engagement events. Every event gives one P3 message to staff; going LIVE also
 * tells the client, in its own words, that its agent is live.
 */
public final class EngagementMessages {

    private EngagementMessages() {
    }

    public static InboxMessage opened(EngagementOpened opened, String eventId, Instant at) {
        String body = """
                A new engagement was opened for **%s** (`%s`) by %s.

                - Contact: %s, %s
                - Sector: %s
                - Region: %s
                - Stage: %s
                """.formatted(escape(opened.clientName()), opened.clientId(), escape(opened.openedBy()),
                escape(opened.contactName()), escape(opened.contactEmail()), escape(opened.sector()),
                escape(opened.region()), opened.stage());
        return InboxMessage.post(opened.engagementId(), opened.clientId(), Priority.P3, Audience.STAFF,
                "New engagement: " + opened.clientName(), body, eventId, at);
    }

    public static List<InboxMessage> stageChanged(EngagementStageChanged changed, String eventId, Instant at) {
        List<InboxMessage> messages = new ArrayList<>(2);
        String body = "The engagement of `%s` moved from **%s** to **%s**%s.\n".formatted(changed.clientId(),
                changed.from(), changed.to(), changed.changedBy() == null ? "" : " by " + escape(changed.changedBy()))
                + (changed.reason() == null || changed.reason().isBlank() ? ""
                        : "\n> " + escape(changed.reason()) + "\n");
        messages.add(InboxMessage.post(changed.engagementId(), changed.clientId(), Priority.P3, Audience.STAFF,
                "Engagement of " + changed.clientId() + " is now " + changed.to(), body, eventId, at));
        if (changed.to() == Stage.LIVE && changed.from() != Stage.SUSPENDED) {
            messages.add(InboxMessage.post(changed.engagementId(), changed.clientId(), Priority.P3, Audience.CLIENT,
                    "Your agent is live", """
                            Your agent is now live and talking to your team.

                            For the next 24 to 48 hours we watch it closely; we will tell you when it is declared stable.
                            """, eventId, at));
        }
        return messages;
    }
}
