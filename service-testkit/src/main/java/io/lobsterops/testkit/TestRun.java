package io.lobsterops.testkit;

/**
 * This test run's own names (ADR 0071). dev/test exports the run id ({@code LOBSTEROPS_RUN_ID}); the parent POM's
 * profile {@code test-run} turns it into the system properties read here, and the services' test profile into their
 * database ({@code <db>_test_<id>}), topic ({@code engagement-events-test-<id>-<module>}) and consumer group
 * ({@code <service>-test-<id>}). A plain Maven run, without a run id, has the shared names {@code <db>_test} and
 * {@code test}. A process a test starts itself (a packaged service, a private broker) takes its names from here, so
 * that two runs on one machine never meet in a database, a topic, a group or a broker.
 */
public final class TestRun {

    /** The run id, empty in a plain Maven run. */
    public static final String ID = System.getenv().getOrDefault("LOBSTEROPS_RUN_ID", "");

    /** Appended to a service's database name: {@code _test_<id>}, or {@code _test}. */
    public static final String DB_SUFFIX = System.getProperty("lobsterops.test.db-suffix", "_test");

    /** Names the run's topics and consumer groups: {@code test-<id>}, or {@code test}. */
    public static final String TAG = System.getProperty("lobsterops.test.tag", "test");

    private TestRun() {
    }

    /** The JDBC URL of this run's copy of a service's database ({@code notification}: notification_test_<id>). */
    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:5432/" + database + DB_SUFFIX;
    }

    /** {@code name} made this run's own ({@code billing-crash-it-test-<id>}): a topic, a group, a broker instance. */
    public static String own(String name) {
        return name + "-" + TAG;
    }
}
