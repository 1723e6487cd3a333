package io.lobsterops.notification.support;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.lobsterops.testkit.TestRun;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The outside world of notification-service on loopback, started once for the whole test run: a Telegram Bot API
 * ({@link FakeTelegram}), a Slack incoming-webhook stand-in ({@link FakeSlack}) and a real SMTP server (GreenMail).
 * Their ports reach the service as configuration.
 */
public final class LoopbackChannels implements QuarkusTestResourceLifecycleManager {

    public static final String WEBHOOK_SECRET = "loopback-webhook-secret";

    private static volatile FakeTelegram telegram;
    private static volatile FakeSlack slack;
    private static volatile GreenMail mail;

    public static FakeTelegram telegram() {
        return telegram;
    }

    public static FakeSlack slack() {
        return slack;
    }

    public static GreenMail mail() {
        return mail;
    }

    @Override
    public Map<String, String> start() {
        stopStalePaging();
        telegram = new FakeTelegram();
        telegram.start();
        slack = new FakeSlack();
        slack.start();
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        return Map.of(
                "lobsterops.notification.telegram.api-root", telegram.apiRoot(),
                "lobsterops.notification.telegram.bot-token", FakeTelegram.BOT_TOKEN,
                "lobsterops.notification.telegram.webhook-secret", WEBHOOK_SECRET,
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(mail.getSmtp().getPort()));
    }

    /**
     * P0 and P1 messages of earlier runs (ours, or the other services' tests publishing on the shared test topic) would
     * page the test on-duty list every interval for ever, and reach it again each time a test changes the list (the
     * on-duty catch-up): they are acknowledged before the service starts. The table does not exist before the first
     * run's migration.
     */
    private static void stopStalePaging() {
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(
                TestRun.jdbcUrl("notification"), "lobsterops", "lobsterops");
                java.sql.Statement update = db.createStatement()) {
            update.executeUpdate("""
                    update inbox_message set next_page_at = null, acknowledged_at = now(),
                           acknowledged_by = 'an earlier test run', acknowledged_via = 'api'
                    where acknowledged_at is null and audience = 'STAFF' and priority in ('P0', 'P1')""");
        } catch (java.sql.SQLException notMigratedYet) {
            // first run: nothing is paging
        }
    }

    @Override
    public void stop() {
        telegram.stop();
        slack.stop();
        mail.stop();
    }
}
