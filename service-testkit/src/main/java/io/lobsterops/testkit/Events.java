package io.lobsterops.testkit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.lobsterops.events.ClientRenamed;
import io.lobsterops.events.EngagementEvent;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.Stage;

/** Contract payloads as provisioning-service publishes them, for consumer tests. */
public final class Events {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Events() {
    }

    public static EngagementOpened opened(UUID engagementId, String clientId, String clientName) {
        return new EngagementOpened(engagementId, clientId, clientName, "Ada Lovelace", "ada@" + clientId + ".test",
                "logistics", "eu-west", Stage.LEAD, "eric", Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public static EngagementStageChanged stageChanged(UUID engagementId, String clientId, Stage from, Stage to) {
        return new EngagementStageChanged(engagementId, clientId, from, to, "test", "eric",
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** A supervisor's correction of a client's name, as provisioning publishes it. */
    public static ClientRenamed renamed(String clientId, String oldName, String newName) {
        return new ClientRenamed(clientId, oldName, newName, "typo at opening", "sophie",
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Publishes {@code event} on engagement-events as a CloudEvent; returns its id. */
    public static String publish(EngagementEvent event) {
        return KafkaTestClient.publish(event.type(), event.subject(), json(event));
    }

    /** Publishes {@code event} with the given CloudEvent id (to replay it). */
    public static void publish(String id, EngagementEvent event) {
        KafkaTestClient.publish(id, event.type(), event.subject(), json(event));
    }

    /** {@code event} as a record with the given CloudEvent id and Kafka key, for {@link KafkaTestClient#sendTogether}. */
    public static ProducerRecord<String, String> record(String id, EngagementEvent event, String key) {
        return KafkaTestClient.record(id, event.type(), key, event.subject(), json(event));
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
