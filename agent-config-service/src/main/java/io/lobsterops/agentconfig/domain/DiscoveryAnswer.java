package io.lobsterops.agentconfig.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The answer to one discovery question of one engagement, with who gave it and when. */
@Entity
@Table(name = "discovery_answer")
public class DiscoveryAnswer {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "question_id", nullable = false)
    public String questionId;

    @Column(name = "questionnaire_version", nullable = false)
    public String questionnaireVersion;

    @Column(nullable = false)
    public String answer;

    @Column(name = "answered_by", nullable = false)
    public String answeredBy;

    @Column(name = "answered_at", nullable = false)
    public Instant answeredAt;

    protected DiscoveryAnswer() {
    }

    public static DiscoveryAnswer given(UUID engagementId, String questionnaireVersion, String questionId,
            String answer, String by, Instant at) {
        DiscoveryAnswer a = new DiscoveryAnswer();
        a.engagementId = engagementId;
        a.questionnaireVersion = questionnaireVersion;
        a.questionId = questionId;
        a.answer = answer;
        a.answeredBy = by;
        a.answeredAt = at;
        return a;
    }

    /** A new answer replaces the old one; an identical answer keeps its original author and time. */
    public void answer(String text, String version, String by, Instant at) {
        if (!text.equals(answer)) {
            answer = text;
            questionnaireVersion = version;
            answeredBy = by;
            answeredAt = at;
        }
    }
}
