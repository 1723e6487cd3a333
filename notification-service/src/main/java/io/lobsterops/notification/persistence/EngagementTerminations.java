package io.lobsterops.notification.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.AgentTerminated;
import io.lobsterops.events.EventTypes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * What an agent's termination does here (ADR 0047), in the event's transaction: it is recorded once per engagement,
 * after which the routing reaches none of the client's destinations for that engagement but with billing's messages
 * ({@link #STILL_TOLD}); and the engagement's open pages and groups are closed, its client sends not yet made are
 * cancelled, and its gateway leaves the digest's list of agents not UP. Staff destinations are untouched.
 */
@ApplicationScoped
public class EngagementTerminations {

    /**
     * What a client still hears about a terminated engagement: the termination itself, and its money (the final
     * invoice, its payment or failed payment).
     */
    public static final String STILL_TOLD = Stream.of(EventTypes.AGENT_TERMINATED, EventTypes.INVOICE_ISSUED,
            EventTypes.PAYMENT_RECEIVED, EventTypes.PAYMENT_FAILED).map(type -> "'" + type + "'")
            .collect(Collectors.joining(", ", "(", ")"));

    /**
     * The routing's condition on a client message (?5 its type, ?7 its engagement): true while the engagement is not
     * terminated, or for what a client is still told.
     */
    public static final String CLIENT_STILL_REACHED = """
            (?5 in %s or not exists (select 1 from engagement_termination et where et.engagement_id = ?7))"""
            .formatted(STILL_TOLD);

    /** Records the termination; answers false when the engagement was terminated already (a replay, a new id). */
    public Uni<Boolean> record(String eventId, AgentTerminated terminated, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into engagement_termination (engagement_id, client_id, termination_id, terminated_at,
                                                    terminated_by, source_event_id, recorded_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict (engagement_id) do nothing""")
                .setParameter(1, terminated.engagementId())
                .setParameter(2, terminated.clientId() == null ? "" : terminated.clientId())
                .setParameter(3, terminated.terminationId())
                .setParameter(4, at(terminated.terminatedAt() == null ? now : terminated.terminatedAt()))
                .setParameter(5, terminated.terminatedBy())
                .setParameter(6, eventId)
                .setParameter(7, at(now))
                .executeUpdate())
                .map(inserted -> inserted > 0);
    }

    /** A staff message that asked for someone's action and got none yet (billing's still matter: money is owed). */
    private static final String UNACKNOWLEDGED_ALERT = """
            (m.audience = 'STAFF' and m.acknowledged_at is null and m.priority in ('P0', 'P1', 'P2')
             and coalesce(m.source_event_type, '') not in %s)""".formatted(STILL_TOLD);

    /** What was closed: messages (groups, pages, alerts acknowledged), sends cancelled, gateways out of the digest. */
    public record Closed(int messages, int cancelled, int gateways) {
    }

    /**
     * Closes what the terminated engagement still had open, except the messages of the termination itself
     * ({@code eventId}) and billing's: every open group stops (and with it its paging), the sends and pages not made
     * yet are cancelled, and the staff P0–P2 still unacknowledged are acknowledged by the termination
     * ({@code via} {@code terminated}, by whoever terminated). No {@code notification.acknowledged} is published: the
     * agent is gone, nobody acted on the alert.
     */
    public Uni<Closed> closeOut(String eventId, AgentTerminated terminated, Instant now) {
        String by = terminated.terminatedBy() == null ? "termination" : terminated.terminatedBy();
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                with closed as (
                    update inbox_message m set group_open = false, next_page_at = null,
                           acknowledged_at = case when %1$s then ?3 else m.acknowledged_at end,
                           acknowledged_by = case when %1$s then ?4 else m.acknowledged_by end,
                           acknowledged_via = case when %1$s then 'terminated' else m.acknowledged_via end
                    where m.engagement_id = ?1 and m.source_event_id <> ?2
                      and (m.group_open or m.next_page_at is not null or %1$s)
                    returning m.id),
                cancelled as (
                    update delivery d set status = 'CANCELLED', last_error = 'the agent was terminated'
                    from inbox_message m
                    where m.id = d.message_id and m.engagement_id = ?1 and m.source_event_id <> ?2
                      and d.status = 'PENDING' and coalesce(m.source_event_type, '') not in %2$s
                    returning d.id),
                health as (delete from gateway_health where engagement_id = ?1 returning 1)
                select (select count(*) from closed), (select count(*) from cancelled), (select count(*) from health)"""
                .formatted(UNACKNOWLEDGED_ALERT, STILL_TOLD),
                Object[].class)
                .setParameter(1, terminated.engagementId())
                .setParameter(2, eventId)
                .setParameter(3, at(now))
                .setParameter(4, by)
                .getSingleResult())
                .map(row -> {
                    Object[] columns = (Object[]) row;
                    return new Closed(((Number) columns[0]).intValue(), ((Number) columns[1]).intValue(),
                            ((Number) columns[2]).intValue());
                });
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
