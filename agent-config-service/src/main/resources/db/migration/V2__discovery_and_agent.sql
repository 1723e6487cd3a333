-- Discovery answers: one row per engagement and question, with who gave the current answer and when.
create table discovery_answer (
    id                     bigserial   primary key,
    engagement_id          uuid        not null references engagement (engagement_id),
    question_id            text        not null,
    questionnaire_version  text        not null,
    answer                 text        not null,
    answered_by            text        not null,
    answered_at            timestamptz not null,
    unique (engagement_id, question_id)
);

-- The agent definition of an engagement, derived from the answers and edited field by field (JSON document).
create table agent_definition (
    engagement_id  uuid        primary key references engagement (engagement_id),
    definition     text        not null,
    revision       integer     not null,
    updated_by     text        not null,
    updated_at     timestamptz not null
);
