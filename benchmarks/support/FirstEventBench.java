import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * (a CloudEvent in binary mode, as provisioning's relay does) for each CLIENT, waiting GAP_MS between them. Prints
 * one line per event: "ready <epoch ms>" once, then "sent <client> <engagement id> <record timestamp ms>".
 *
 *   java -cp "<Kafka libs>/*" FirstEventBench.java BOOTSTRAP TOPIC READY_URL GAP_MS CLIENT...
 */
public class FirstEventBench {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        URI ready = URI.create(args[2]);
        long gap = Long.parseLong(args[3]);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
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
            for (int i = 4; i < args.length; i++) {
                if (i > 4) {
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
                header(headers, "ce_id", UUID.randomUUID().toString());
                header(headers, "ce_source", "/lobsterops/benchmarks");
                header(headers, "ce_type", "lobsterops.engagement.opened");
                header(headers, "ce_subject", engagement.toString());
                header(headers, "ce_time", now);
                header(headers, "content-type", "application/json");
                RecordMetadata sent = producer.send(new ProducerRecord<>(topic, null, engagement.toString(), payload,
                        headers)).get();
                System.out.println("sent " + clientId + " " + engagement + " " + sent.timestamp());
                System.out.flush();
            }
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
