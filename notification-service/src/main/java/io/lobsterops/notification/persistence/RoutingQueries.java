package io.lobsterops.notification.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.notification.domain.InboxMessage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The routing queries, run in the caller's transaction. Isolation lives here, in SQL: a message addressed to a
 * client can only select destinations whose {@code client_id} is the message's client, a staff message only staff
 * destinations (no client) — whatever a rule names. A rule that names a destination it may not reach selects
 * nothing; {@link #misaddressedRules} finds it so that the refusal is logged and counted.
 */
@ApplicationScoped
public class RoutingQueries {

    /** The rules matching a message (?2 client, ?3 audience, ?4 priority, ?5 event type). */
    static final String MATCHING_RULES = """
            r.enabled and r.audience = ?3 and (r.priority is null or r.priority = ?4)
              and (r.event_type is null or r.event_type = ?5) and (r.client_id is null or r.client_id = ?2)""";

    /** The destinations a matching rule may reach: the only place a message meets a destination. */
    static final String REACHABLE = """
            d.channel = r.channel and d.enabled
              and (r.destination_id is null or r.destination_id = d.id)
              and ((r.audience = 'CLIENT' and d.client_id = ?2)
                or (r.audience = 'STAFF' and d.client_id is null and (d.on_duty_rank is not null or r.destination_id = d.id)))
              and (not r.repage or d.on_duty_rank = (select min(x.on_duty_rank) from destination x
                     where x.client_id is null and x.enabled and x.channel = r.channel))""";

    static final String TARGETS = "select distinct d.id, d.client_id, d.channel, d.name, bool_or(r.repage) as repage"
            + " from route r join destination d on " + REACHABLE + " where " + MATCHING_RULES
            + " group by d.id, d.client_id, d.channel, d.name";

    static final String MISADDRESSED = """
            select cast(r.id as text) from route r join destination d on d.id = r.destination_id
            where %s
              and not ((r.audience = 'CLIENT' and d.client_id = ?2) or (r.audience = 'STAFF' and d.client_id is null))
            """.formatted(MATCHING_RULES);

    /**
     * Routes a new message in one round trip (?1 message, ?2 client, ?3 audience, ?4 priority, ?5 type, ?6 now,
     * ?7 engagement): whether a silence holds it (P0 excepted), the deliveries queued unless it does, whether a
     * paging rule reached someone, and the matching rules that name a destination they may not reach. A client
     * message of a terminated engagement reaches none of the client's destinations unless it is one the client is
     * still told ({@link EngagementTerminations}).
     */
    static final String ROUTE = """
            with matching as (select r.* from route r where %s),
            held as (select (?4 <> 'P0' and exists (select 1 from silence s where s.client_id = ?2
                        and (s.engagement_id is null or s.engagement_id = ?7) and s.starts_at <= ?6 and s.ends_at > ?6))
                     as silenced),
            targets as (select d.id, d.client_id, d.channel, bool_or(r.repage) as repage
                        from matching r join destination d on %s
                        where r.audience <> 'CLIENT' or %s
                        group by d.id, d.client_id, d.channel),
            queued as (
                insert into delivery (id, message_id, destination_id, client_id, channel, kind, seq, status, attempts,
                                      next_attempt_at, created_at)
                select gen_random_uuid(), ?1, t.id, t.client_id, t.channel, 'SEND', 0, 'PENDING', 0, ?6, ?6
                from targets t where not (select silenced from held)
                on conflict do nothing returning 1)
            select (select silenced from held), (select count(*) from queued),
                   coalesce((select bool_or(repage) from targets), false),
                   (select string_agg(cast(r.id as text), ',') from matching r join destination d on d.id = r.destination_id
                    where not ((r.audience = 'CLIENT' and d.client_id = ?2)
                               or (r.audience = 'STAFF' and d.client_id is null)))""".formatted(MATCHING_RULES,
            REACHABLE, EngagementTerminations.CLIENT_STILL_REACHED);

    /**
     * The on-duty list changed: the open staff P0 and P1 messages that reached nobody (no send was ever queued for
     * them, e.g. raised while nobody was on duty) are routed now by the same rules, and a P0 that a paging rule
     * reached starts paging (?1 now, ?2 the oldest P1 still sent, ?3 the paging interval in seconds). A message that
     * has a send is never caught up again, so the next change of the list sends nothing twice.
     */
    static final String CATCH_UP = """
            with waiting as (
                select m.id, m.client_id, m.audience, m.priority, m.source_event_type from inbox_message m
                where m.audience = 'STAFF' and m.priority in ('P0', 'P1') and m.acknowledged_at is null
                  and not m.silenced and (m.group_key is null or m.group_open)
                  and (m.priority = 'P0' or m.created_at > ?2)
                  and not exists (select 1 from delivery x where x.message_id = m.id and x.kind = 'SEND')
                for update of m skip locked),
            targets as (select w.id as message_id, d.id, d.channel, bool_or(r.repage) as repage
                        from waiting w join route r on %s join destination d on %s
                        group by w.id, d.id, d.channel),
            queued as (
                insert into delivery (id, message_id, destination_id, client_id, channel, kind, seq, status, attempts,
                                      next_attempt_at, created_at)
                select gen_random_uuid(), t.message_id, t.id, null, t.channel, 'SEND', 0, 'PENDING', 0, ?1, ?1
                from targets t
                on conflict do nothing returning message_id),
            paging as (
                update inbox_message m set pages = greatest(m.pages, 1),
                       next_page_at = coalesce(m.next_page_at,
                           cast(?1 as timestamptz) + make_interval(secs => cast(?3 as double precision)))
                where m.priority = 'P0' and m.id in (select message_id from targets where repage)
                returning m.id)
            select (select count(distinct message_id) from queued), (select count(*) from paging)"""
            .formatted(ofWaiting(MATCHING_RULES), ofWaiting(REACHABLE));

    /** What {@link #catchUp} did: messages sent to the on-duty list now, and P0 among them that started paging. */
    public record CaughtUp(long messages, long paging) {
    }

    public Uni<CaughtUp> catchUp(Instant now, Instant p1Since, java.time.Duration pagingInterval) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CATCH_UP, Object[].class)
                .setParameter(1, at(now))
                .setParameter(2, at(p1Since))
                .setParameter(3, pagingInterval.toMillis() / 1000.0)
                .getSingleResult())
                .map(row -> {
                    Object[] columns = (Object[]) row;
                    return new CaughtUp(((Number) columns[0]).longValue(), ((Number) columns[1]).longValue());
                });
    }

    /** A rule's conditions on one message (?2 client, ?3 audience, ?4 priority, ?5 type) read from a waiting row. */
    private static String ofWaiting(String sql) {
        return sql.replace("?2", "w.client_id").replace("?3", "w.audience").replace("?4", "w.priority")
                .replace("?5", "w.source_event_type");
    }

    /** What {@link #route} did. */
    public record Routed(boolean silenced, long queued, boolean pages, List<String> misaddressedRules) {
    }

    public Uni<Routed> route(InboxMessage message, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(ROUTE, Object[].class)
                .setParameter(1, message.id)
                .setParameter(2, message.clientId)
                .setParameter(3, message.audience.name())
                .setParameter(4, message.priority.name())
                .setParameter(5, message.sourceEventType)
                .setParameter(6, at(now))
                .setParameter(7, message.engagementId)
                .getSingleResult())
                .map(row -> {
                    Object[] columns = (Object[]) row;
                    String misaddressed = (String) columns[3];
                    return new Routed(Boolean.TRUE.equals(columns[0]), ((Number) columns[1]).longValue(),
                            Boolean.TRUE.equals(columns[2]), misaddressed == null ? List.of()
                                    : List.of(misaddressed.split(",")));
                });
    }

    /** One row of {@link #targets}: where a message would go. */
    public record Target(UUID destinationId, String clientId, String channel, String name, boolean repage) {
    }

    /** Where a message would go, without sending anything. */
    @SuppressWarnings("unchecked")
    public Uni<List<Target>> targets(String clientId, String audience, String priority, String type) {
        String sql = TARGETS.replace("?2", "?1").replace("?3", "?2").replace("?4", "?3").replace("?5", "?4");
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter(1, clientId).setParameter(2, audience).setParameter(3, priority)
                .setParameter(4, type).getResultList())
                .map(rows -> ((List<Object[]>) (List<?>) rows).stream().map(row -> new Target((UUID) row[0],
                        (String) row[1], (String) row[2], (String) row[3], Boolean.TRUE.equals(row[4]))).toList());
    }

    /** Rules matching the message that name a destination it may not reach (another client's, or the wrong audience). */
    public Uni<List<String>> misaddressedRules(String clientId, String audience, String priority, String type) {
        String sql = MISADDRESSED.replace("?2", "?1").replace("?3", "?2").replace("?4", "?3").replace("?5", "?4");
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, String.class)
                .setParameter(1, clientId).setParameter(2, audience).setParameter(3, priority).setParameter(4, type)
                .getResultList());
    }

    /** Whether a silence holds the client's (or engagement's) messages back now. */
    public Uni<Boolean> silenced(String clientId, UUID engagementId, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                select count(*) from silence where client_id = ?1 and (engagement_id is null or engagement_id = ?2)
                  and starts_at <= ?3 and ends_at > ?3""", Long.class)
                .setParameter(1, clientId).setParameter(2, engagementId).setParameter(3, at(now))
                .getSingleResult())
                .map(count -> ((Number) count).longValue() > 0);
    }

    /**
     * For a grouped message updated in place: one edit per Telegram chat it was already sent to — none while an edit
     * is still waiting, since that one renders the newest text when it is sent.
     * <p>
     * "Still waiting" is decided under the row locks of those waiting edits. A worker's claim turns an edit from
     * PENDING to SENDING and reads the message's text in one transaction; without the locks this update could see
     * the edit still PENDING (the claim not yet committed) and add none, while the claim had read the text from
     * before this update — and the chat kept a stale state for good (a gateway shown DOWN that was UP again). With
     * them, this waits for such a claim to commit and then sees the edit SENDING, so it adds one; and a claim that
     * comes after the locks skips the locked edit until this update has committed, so it renders this text.
     */
    public Uni<Integer> enqueueEdits(InboxMessage message, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                select id from delivery where message_id = ?1 and kind = 'EDIT' and status = 'PENDING'
                for update""").setParameter(1, message.id).getResultList()
                .chain(() -> session.createNativeQuery("""
                insert into delivery (id, message_id, destination_id, client_id, channel, kind, seq, status, attempts,
                                      next_attempt_at, created_at)
                select gen_random_uuid(), d.message_id, d.destination_id, d.client_id, d.channel, 'EDIT', ?2,
                       'PENDING', 0, ?3, ?3
                from (select distinct message_id, destination_id, client_id, channel from delivery
                      where message_id = ?1 and kind = 'SEND' and channel = 'TELEGRAM'
                        and status in ('SENDING', 'SENT', 'UNCERTAIN')) d
                where not exists (select 1 from delivery e where e.message_id = d.message_id
                                  and e.destination_id = d.destination_id and e.kind = 'EDIT'
                                  and e.status = 'PENDING')
                on conflict do nothing""")
                .setParameter(1, message.id).setParameter(2, message.updates).setParameter(3, at(now))
                .executeUpdate()));
    }

    /** Closes the open groups {@code keys} of an engagement: they stop paging, and the next event starts anew. */
    public Uni<Integer> closeGroup(UUID engagementId, String key) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                update inbox_message set group_open = false, next_page_at = null
                where engagement_id = ?1 and group_key = ?2 and group_open""")
                .setParameter(1, engagementId).setParameter(2, key).executeUpdate());
    }

    /** Pages still waiting for an acknowledged message go nowhere. */
    public Uni<Integer> cancelPages(UUID messageId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                update delivery set status = 'CANCELLED', last_error = 'acknowledged before it was sent'
                where message_id = ?1 and kind = 'SEND' and seq > 0 and status = 'PENDING'""")
                .setParameter(1, messageId).executeUpdate());
    }

    /** The engagement's client as first seen; records {@code clientId} when the engagement is new here. */
    public Uni<String> ownerOf(UUID engagementId, String clientId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                with recorded as (insert into engagement_client (engagement_id, client_id) values (?1, ?2)
                                  on conflict do nothing returning client_id)
                select client_id from recorded
                union all select client_id from engagement_client where engagement_id = ?1
                limit 1""", String.class)
                .setParameter(1, engagementId).setParameter(2, clientId).getSingleResult());
    }

    /** The engagement's client as first seen here, or null when no event of the engagement came yet. */
    public Uni<String> clientOf(UUID engagementId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "select client_id from engagement_client where engagement_id = ?1", String.class)
                .setParameter(1, engagementId).getResultList())
                .map(found -> found.isEmpty() ? null : found.getFirst());
    }

    public Uni<Integer> recordHealth(UUID gatewayId, UUID engagementId, String clientId, String health, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into gateway_health (gateway_id, engagement_id, client_id, health, changed_at)
                values (?1, ?2, ?3, ?4, ?5)
                on conflict (gateway_id) do update set health = excluded.health, changed_at = excluded.changed_at
                where gateway_health.changed_at <= excluded.changed_at""")
                .setParameter(1, gatewayId).setParameter(2, engagementId).setParameter(3, clientId)
                .setParameter(4, health).setParameter(5, at(at)).executeUpdate());
    }

    /** Whether a Telegram chat is a staff destination's. */
    public Uni<Boolean> isStaffTelegramChat(String chatId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                select count(*) from destination where channel = 'TELEGRAM' and client_id is null and address = ?1""",
                Long.class).setParameter(1, chatId).getSingleResult())
                .map(count -> ((Number) count).longValue() > 0);
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
