package io.lobsterops.notification.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.lobsterops.notification.config.NotificationConfig;

/**
 * P0 re-paging: a message whose page is due and that nobody acknowledged is paged again — every
 * {@code paging.interval}, to the first person on duty, and after {@code paging.pages-before-next} pages to the next
 * person on the list as well (and so on down the list). A page is a delivery row like any other, on the channels of
 * the first page; {@code for update skip locked} lets replicas share the work.
 */
@ApplicationScoped
public class Pager {

    private static final Logger LOG = Logger.getLogger(Pager.class);

    static final String DUE = """
            with due as (
                select id from inbox_message where next_page_at <= now() and acknowledged_at is null
                order by next_page_at limit 100 for update skip locked)
            update inbox_message m set pages = m.pages + 1, next_page_at = now() + make_interval(secs => ?)
            from due where m.id = due.id
            returning m.id, m.pages""";

    static final String PAGE = """
            insert into delivery (id, message_id, destination_id, client_id, channel, kind, seq, status, attempts,
                                  next_attempt_at, created_at)
            select gen_random_uuid(), ?, x.id, null, x.channel, 'SEND', ?, 'PENDING', 0, now(), now()
            from (select id, channel, row_number() over (partition by channel order by on_duty_rank, id) as place
                  from destination
                  where client_id is null and enabled and on_duty_rank is not null
                    and channel in (select channel from delivery where message_id = ? and kind = 'SEND' and seq = 0)) x
            where x.place <= ?
            on conflict do nothing""";

    private final AgroalDataSource db;
    private final NotificationConfig config;

    public Pager(AgroalDataSource db, NotificationConfig config) {
        this.db = db;
        this.config = config;
    }

    /** Pages again every message whose page is due; answers how many. */
    public int pageDue() throws SQLException {
        int paged = 0;
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement due = connection.prepareStatement(DUE);
                    PreparedStatement page = connection.prepareStatement(PAGE)) {
                due.setDouble(1, config.paging().interval().toMillis() / 1000.0);
                try (ResultSet rows = due.executeQuery()) {
                    while (rows.next()) {
                        UUID message = rows.getObject(1, UUID.class);
                        int seq = rows.getInt(2) - 1;
                        int people = 1 + seq / Math.max(1, config.paging().pagesBeforeNext());
                        page.setObject(1, message);
                        page.setInt(2, seq);
                        page.setObject(3, message);
                        page.setInt(4, people);
                        page.addBatch();
                        paged++;
                    }
                }
                if (paged > 0) {
                    page.executeBatch();
                }
            }
            connection.commit();
        }
        if (paged > 0) {
            LOG.infof("%d unacknowledged P0 message(s) paged again", paged);
        }
        return paged;
    }
}
