package io.lobsterops.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.lobsterops.events.CloudEventHeaders;
import io.lobsterops.events.Topics;

/** Plain Kafka clients on the real broker started by dev/kafka.sh: publish CloudEvents, look for records. */
public final class KafkaTestClient {

    public static final String BOOTSTRAP = System.getProperty("kafka.bootstrap.servers", "127.0.0.1:9092");

    /**
     * The services' test profile publishes and consumes here (%test.lobsterops.messaging.topic), not on the real topic:
     * one topic per module and test run (the build sets {@code lobsterops.test.topic}; ADRs 0003, 0071), so a module's
     * tests never wait behind the events other modules' tests, or another run's, left on the broker.
     */
    public static final String TOPIC = System.getProperty("lobsterops.test.topic", Topics.ENGAGEMENT_EVENTS + "-test");

    /** Where the services' tests dead-letter what they cannot process. */
    public static final String DLQ = TOPIC + ".dlq";

    private KafkaTestClient() {
    }

    /** Publishes a CloudEvent (binary mode) on the test topic as another service would; returns its id. */
    public static String publish(String type, UUID engagementId, String payloadJson) {
        String id = UUID.randomUUID().toString();
        publish(id, type, engagementId, payloadJson);
        return id;
    }

    public static void publish(String id, String type, UUID engagementId, String payloadJson) {
        send(record(id, type, engagementId.toString(), engagementId, payloadJson));
    }

    /**
     * A CloudEvent record (binary mode) for the test topic with the given Kafka key: records of one key land in one
     * partition, so {@link #sendTogether} hands them to a consumer in one poll.
     */
    public static ProducerRecord<String, String> record(String id, String type, String key, UUID engagementId,
            String payloadJson) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        add(headers, CloudEventHeaders.ID, id);
        add(headers, CloudEventHeaders.SOURCE, "/lobsterops/tests");
        add(headers, CloudEventHeaders.TYPE, type);
        add(headers, CloudEventHeaders.SUBJECT, engagementId.toString());
        add(headers, CloudEventHeaders.TIME, OffsetDateTime.now().toString());
        add(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_JSON);
        return new ProducerRecord<>(TOPIC, null, key, payloadJson, headers);
    }

    /** Sends any record, headers and all, e.g. a poison message. */
    public static void send(ProducerRecord<String, String> record) {
        sendTogether(List.of(record));
    }

    /**
     * Sends the records in one produce request (the producer lingers until the last is handed over): records of one
     * partition reach the broker as one record batch, which a consumer fetches whole, in one poll.
     */
    public static void sendTogether(List<ProducerRecord<String, String>> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            records.forEach(record -> sent.add(producer.send(record)));
            producer.flush();
            for (var future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish " + records.size() + " record(s) on " + BOOTSTRAP, e);
        }
    }

    /** The first record of {@code topic} (read from the beginning) that {@code match} accepts, waiting up to {@code timeout}. */
    public static Optional<ConsumerRecord<String, String>> find(String topic, Predicate<ConsumerRecord<String, String>> match,
            Duration timeout) {
        List<ConsumerRecord<String, String>> found = findAll(topic, match, 1, timeout);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** Up to {@code wanted} records of {@code topic} that {@code match} accepts, in partition order. */
    public static List<ConsumerRecord<String, String>> findAll(String topic, Predicate<ConsumerRecord<String, String>> match,
            int wanted, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            long deadline = System.nanoTime() + timeout.toNanos();
            // a topic nobody wrote to yet may not exist (a dead-letter topic on a broker that did not create it):
            // it has no record to find, so wait for it to appear until the deadline, then answer none
            List<TopicPartition> partitions = partitionsOf(consumer, topic);
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                sleep(200);
                partitions = partitionsOf(consumer, topic);
            }
            if (partitions.isEmpty()) {
                return found;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (found.size() < wanted && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record) && found.size() < wanted) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<String, String> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Predicate: the record's CloudEvent subject (engagement id) is {@code engagementId} and its type is {@code type}. */
    public static Predicate<ConsumerRecord<String, String>> event(String type, UUID engagementId) {
        return record -> type.equals(header(record, CloudEventHeaders.TYPE))
                && engagementId.toString().equals(header(record, CloudEventHeaders.SUBJECT));
    }

    public static Predicate<ConsumerRecord<String, String>> eventId(String id) {
        return record -> id.equals(header(record, CloudEventHeaders.ID));
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Why a record went to the dead-letter topic (its {@code dead-letter-reason} header), or "" for none. */
    public static String deadLetterReason(ConsumerRecord<?, ?> record) {
        String reason = header(record, CloudEventHeaders.DLQ_REASON);
        return reason == null ? "" : reason;
    }

    public static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        for (Header header : record.headers()) {
            all.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return all;
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
