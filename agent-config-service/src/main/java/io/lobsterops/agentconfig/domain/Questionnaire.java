package io.lobsterops.agentconfig.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery interview of the playbook: eight questions, in French and English. A questionnaire is versioned: the
 * answers keep the version they were given against, and a new version adds questions rather than rewording old ones.
 */
public record Questionnaire(String version, List<Question> questions) {

    public static final String ACTIVITY = "activity";
    public static final String REPETITIVE_TASKS = "repetitive-tasks";
    public static final String DAILY_SOURCES = "daily-sources";
    public static final String TOOLS = "tools";
    public static final String BRIEFING_TIME = "briefing-time";
    public static final String TONE = "tone";
    public static final String FORBIDDEN_TOPICS = "forbidden-topics";
    public static final String OTHER_USERS = "other-users";

    /** The first version, from the playbook's discovery interview. */
    public static final Questionnaire V2026_1 = new Questionnaire("2026.1", List.of(
            new Question(ACTIVITY, Map.of(
                    "en", "What does your company do, and for whom?",
                    "fr", "Que fait votre entreprise, et pour qui ?")),
            new Question(REPETITIVE_TASKS, Map.of(
                    "en", "Which repetitive tasks take your team's time every week? One per line.",
                    "fr", "Quelles tâches répétitives prennent du temps à votre équipe chaque semaine ? Une par ligne.")),
            new Question(DAILY_SOURCES, Map.of(
                    "en", "Which sources do you read every day (websites, RSS feeds, APIs)? One URL per line.",
                    "fr", "Quelles sources consultez-vous chaque jour (sites, flux RSS, API) ? Une URL par ligne.")),
            new Question(TOOLS, Map.of(
                    "en", "Which tools does your team use (email, Slack, GitHub, calendar…)?",
                    "fr", "Quels outils votre équipe utilise-t-elle (e-mail, Slack, GitHub, agenda…) ?")),
            new Question(BRIEFING_TIME, Map.of(
                    "en", "At what time do you want your daily briefing (HH:MM)?",
                    "fr", "À quelle heure voulez-vous votre briefing quotidien (HH:MM) ?")),
            new Question(TONE, Map.of(
                    "en", "Which tone should the agent use (formal, friendly, concise…)?",
                    "fr", "Quel ton l'agent doit-il employer (formel, chaleureux, concis…) ?")),
            new Question(FORBIDDEN_TOPICS, Map.of(
                    "en", "Which topics must the agent never mention? One per line.",
                    "fr", "Quels sujets l'agent ne doit-il jamais aborder ? Un par ligne.")),
            new Question(OTHER_USERS, Map.of(
                    "en", "Who else will talk to the agent, and in which role?",
                    "fr", "Qui d'autre parlera à l'agent, et dans quel rôle ?"))));

    /** Every version ever published, oldest first; a stored answer names the one it answered. */
    public static final List<Questionnaire> VERSIONS = List.of(V2026_1);

    /** The version new answers are given against: the latest. */
    public static final Questionnaire CURRENT = VERSIONS.getLast();

    public static Optional<Questionnaire> version(String version) {
        return VERSIONS.stream().filter(q -> q.version().equals(version)).findFirst();
    }

    public boolean asks(String questionId) {
        return question(questionId).isPresent();
    }

    public Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    /** One question, its text by language ({@code en}, {@code fr}). */
    public record Question(String id, Map<String, String> text) {
    }
}
