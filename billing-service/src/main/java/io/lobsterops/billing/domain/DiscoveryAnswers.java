package io.lobsterops.billing.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.events.DiscoveryAnswered;

/**
 * Billing's copy of an engagement's discovery answers, as the newest {@code discovery.answered} carried them (every
 * current answer, so each event replaces the copy). Proposals and SOWs are written from it.
 */
@Entity
@Table(name = "discovery_answers")
public class DiscoveryAnswers {

    @Id
    @Column(name = "engagement_id")
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "questionnaire_version", nullable = false)
    public String questionnaireVersion;

    @Convert(converter = AnswersJson.class)
    @Column(nullable = false)
    public List<Answer> answers;

    @Column(name = "answered_by")
    public String answeredBy;

    @Column(name = "answered_at", nullable = false)
    public Instant answeredAt;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    /** Replaces the copy with what {@code event} carries; answers false when the copy is newer than the event. */
    public boolean replaceWith(String eventId, DiscoveryAnswered event) {
        if (answeredAt != null && event.answeredAt().isBefore(answeredAt)) {
            return false;   // an older state arriving late
        }
        this.engagementId = event.engagementId();
        this.clientId = event.clientId();
        this.questionnaireVersion = event.questionnaireVersion();
        this.answers = event.answers() == null ? List.of() : event.answers().stream()
                .filter(a -> a.questionId() != null && a.answer() != null && !a.answer().isBlank())
                .map(a -> new Answer(a.questionId(), a.question() == null ? a.questionId() : a.question(),
                        a.answer().strip()))
                .toList();
        this.answeredBy = event.answeredBy();
        this.answeredAt = event.answeredAt();
        this.eventId = eventId;
        return true;
    }

    /** The answer to {@code questionId}, when the client gave one. */
    public Optional<String> answer(String questionId) {
        return answers.stream().filter(a -> a.questionId().equals(questionId)).map(Answer::answer).findFirst();
    }

    /** One question (its id and English text) and the client's answer. */
    public record Answer(String questionId, String question, String answer) {
    }

    /** The answers as a JSON array in a text column. */
    @Converter
    public static class AnswersJson implements AttributeConverter<List<Answer>, String> {

        private static final ObjectMapper JSON = new ObjectMapper();
        private static final TypeReference<List<Answer>> TYPE = new TypeReference<>() {
        };

        @Override
        public String convertToDatabaseColumn(List<Answer> answers) {
            try {
                return JSON.writeValueAsString(answers == null ? List.of() : answers);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write discovery answers", e);
            }
        }

        @Override
        public List<Answer> convertToEntityAttribute(String json) {
            try {
                return json == null ? List.of() : List.copyOf(JSON.readValue(json, TYPE));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot read discovery answers", e);
            }
        }
    }
}
