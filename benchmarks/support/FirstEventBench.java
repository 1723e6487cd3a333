import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The publishing side of benchmarks/first-event.sh, started before the service so that nothing stands between its
 * readiness and the event: polls READY_URL every 10 ms, and the moment it answers 200 publishes one engagement.opened
 * (a CloudEvent in binary mode, as provisioning's relay does) for each CLIENT, waiting GAP_MS between them. After
 * each send it watches the consumer's database every 5 ms for the event's {@code processed_event} row, which the
 * service commits in the same transaction as the event's effect (the kit's inbox): the moment it is there, the event
 * has reached every view the service serves. Prints "ready <epoch ms>" once, then per event
 * "sent <client> <engagement id> <record timestamp ms>" and "seen <client> <ms from the record's timestamp>".
 * The database user and password are the system properties {@code user} and {@code password}.
 *
 *   java -cp "<Kafka libs>/*:<PostgreSQL JDBC jar>" FirstEventBench.java BOOTSTRAP TOPIC READY_URL GAP_MS JDBC_URL CLIENT...
 */
public class FirstEventBench {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        URI ready = URI.create(args[2]);
        long gap = Long.parseLong(args[3]);
        String jdbc = args[4];
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer());
                Connection database = DriverManager.getConnection(jdbc, System.getProperty("user"),
                        System.getProperty("password"));
                PreparedStatement processed = database.prepareStatement(
                        "select 1 from processed_event where event_id = ?")) {
            producer.partitionsFor(topic);   // metadata fetched now, not in the measured send
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest probe = HttpRequest.newBuilder(ready).GET().build();
            while (true) {
                try {
                    if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(10);
            }
            System.out.println("ready " + System.currentTimeMillis());
            for (int i = 5; i < args.length; i++) {
                if (i > 5) {
                    Thread.sleep(gap);
                }
                String clientId = args[i];
                UUID engagement = UUID.randomUUID();
                String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
                String payload = """
                        {"engagementId":"%s","clientId":"%s","clientName":"Bench %s","contactName":"Ada Lovelace",\
                        "contactEmail":"ada@bench.test","sector":"logistics","region":"eu-west","stage":"LEAD",\
                        "openedBy":"bench","openedAt":"%s"}""".formatted(engagement, clientId, clientId,
                        Instant.now());
                RecordHeaders headers = new RecordHeaders();
                header(headers, "ce_specversion", "1.0");
                String eventId = UUID.randomUUID().toString();
                header(headers, "ce_id", eventId);
                header(headers, "ce_source", "/lobsterops/benchmarks");
                header(headers, "ce_type", "lobsterops.engagement.opened");
                header(headers, "ce_subject", engagement.toString());
                header(headers, "ce_time", now);
                header(headers, "content-type", "application/json");
                RecordMetadata sent = producer.send(new ProducerRecord<>(topic, null, engagement.toString(), payload,
                        headers)).get();
                System.out.println("sent " + clientId + " " + engagement + " " + sent.timestamp());
                System.out.flush();
                processed.setString(1, eventId);
                long deadline = System.currentTimeMillis() + 120_000;
                while (true) {
                    try (ResultSet row = processed.executeQuery()) {
                        if (row.next()) {
                            long seen = System.currentTimeMillis() - sent.timestamp();
                            System.out.println("seen " + clientId + " " + seen);
                            break;
                        }
                    }
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException("event " + eventId + " not processed within 120 s");
                    }
                    Thread.sleep(5);
                }
            }
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
