package io.lobsterops.notification.digest;

import static io.lobsterops.notification.domain.Markdown.escape;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.lobsterops.notification.config.NotificationConfig;
import io.quarkus.scheduler.Scheduled;

/**
 * The runbook's morning digest: at the configured local time, one message to each destination on the on-duty list
 * with the night's P2/P3 messages, the open escalations, the reviews waiting and the agents not UP. It is a staff
 * inbox message like any other (engagement {@link #NO_ENGAGEMENT}, client {@link #AGENCY}); {@code digest_run} makes
 * it once a day whatever the number of replicas.
 */
@ApplicationScoped
public class MorningDigest {

    public static final UUID NO_ENGAGEMENT = new UUID(0, 0);
    public static final String AGENCY = "lobsterops";
    public static final String TYPE = "lobsterops.notification.digest";
    private static final Logger LOG = Logger.getLogger(MorningDigest.class);
    private static final int LISTED = 20;

    private final AgroalDataSource db;
    private final NotificationConfig config;

    public MorningDigest(AgroalDataSource db, NotificationConfig config) {
        this.db = db;
        this.config = config;
    }

    /** What a digest said and where it went. */
    public record Digest(UUID messageId, String title, String body, int nightMessages, int openEscalations,
            int reviewsWaiting, int agentsNotUp, int deliveries) {
    }

    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            every = "1m", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onTime() {
        if (!config.digest().scheduled()) {
            return;
        }
        LocalDateTime local = LocalDateTime.now(config.digest().zone());
        if (local.toLocalTime().isBefore(config.digest().at())) {
            return;
        }
        try {
            if (claimDay(local.toLocalDate())) {
                Digest digest = run();
                LOG.infof("morning digest sent to %d destination(s)", digest.deliveries());
            }
        } catch (SQLException e) {
            LOG.warnf("morning digest failed (%s); the next minute tries again", e.getMessage());
        }
    }

    private boolean claimDay(LocalDate day) throws SQLException {
        try (Connection connection = db.getConnection(); PreparedStatement claim = connection.prepareStatement(
                "insert into digest_run (day, ran_at) values (?, now()) on conflict do nothing")) {
            claim.setObject(1, day);
            return claim.executeUpdate() == 1;
        }
    }

    /** Writes the digest now and queues it to everyone on duty. */
    public Digest run() throws SQLException {
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            Instant since = since(connection);
            List<String> night = titles(connection, """
                    select '[' || priority || '] ' || title from inbox_message
                    where audience = 'STAFF' and priority in ('P2', 'P3') and created_at >= ?
                      and source_event_type <> '%s' order by created_at""".formatted(TYPE), since);
            List<String> escalations = titles(connection, """
                    select '[' || priority || '] ' || title from inbox_message
                    where escalation_id is not null and group_open and source_event_type = 'lobsterops.escalation.raised'
                    order by priority, created_at""", null);
            List<String> reviews = titles(connection, """
                    select title from inbox_message where group_key like 'review:%' and group_open
                    order by created_at desc""", null);
            List<String> notUp = titles(connection, """
                    select client_id || ': gateway ' || gateway_id || ' is ' || health from gateway_health
                    where health <> 'UP' order by changed_at desc, client_id, gateway_id""", null);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            LocalDate day = LocalDateTime.now(config.digest().zone()).toLocalDate();
            String title = "Morning digest " + day;
            StringBuilder body = new StringBuilder();
            section(body, "Since the last digest (P2/P3)", night);
            section(body, "Open escalations", escalations);
            section(body, "Reviews waiting", reviews);
            section(body, "Agents not UP", notUp);
            UUID id = UUID.randomUUID();
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into inbox_message (id, engagement_id, client_id, priority, audience, title, body,
                        source_event_id, source_event_type, created_at, updated_at)
                    values (?, ?, ?, 'P3', 'STAFF', ?, ?, ?, ?, ?, ?)""")) {
                insert.setObject(1, id);
                insert.setObject(2, NO_ENGAGEMENT);
                insert.setString(3, AGENCY);
                insert.setString(4, title);
                insert.setString(5, body.toString());
                insert.setString(6, "digest:" + id);
                insert.setString(7, TYPE);
                insert.setTimestamp(8, Timestamp.from(now));
                insert.setTimestamp(9, Timestamp.from(now));
                insert.executeUpdate();
            }
            int deliveries;
            try (PreparedStatement queue = connection.prepareStatement("""
                    insert into delivery (id, message_id, destination_id, client_id, channel, kind, seq, status,
                                          attempts, next_attempt_at, created_at)
                    select gen_random_uuid(), ?, d.id, null, d.channel, 'SEND', 0, 'PENDING', 0, now(), now()
                    from destination d where d.client_id is null and d.enabled and d.on_duty_rank is not null""")) {
                queue.setObject(1, id);
                deliveries = queue.executeUpdate();
            }
            connection.commit();
            return new Digest(id, title, body.toString(), night.size(), escalations.size(), reviews.size(),
                    notUp.size(), deliveries);
        }
    }

    /** The previous digest's time, or 24 hours ago. */
    private static Instant since(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select max(created_at) from inbox_message where source_event_type = ?")) {
            query.setString(1, TYPE);
            try (ResultSet rows = query.executeQuery()) {
                Timestamp last = rows.next() ? rows.getTimestamp(1) : null;
                return last != null ? last.toInstant() : Instant.now().minus(24, ChronoUnit.HOURS);
            }
        }
    }

    private static List<String> titles(Connection connection, String sql, Instant since) throws SQLException {
        List<String> titles = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            if (since != null) {
                query.setTimestamp(1, Timestamp.from(since));
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    titles.add(rows.getString(1));
                }
            }
        }
        return titles;
    }

    private static void section(StringBuilder body, String heading, List<String> lines) {
        body.append("**").append(escape(heading)).append("**: ").append(lines.size()).append('\n');
        lines.stream().limit(LISTED).forEach(line -> body.append("- ").append(escape(line)).append('\n'));
        if (lines.size() > LISTED) {
            body.append("- ").append(lines.size() - LISTED).append(" more in the cockpit\n");
        }
        body.append('\n');
    }
}
