-- Billing's own copy of an engagement's discovery answers, kept from agent-config-service's discovery.answered
-- (every current answer on each event: the copy is replaced, never merged). Proposals and SOWs are written from it.
create table discovery_answers (
    engagement_id          uuid primary key,
    client_id              text        not null,
    questionnaire_version  text        not null,
    answers                text        not null,   -- JSON array of {questionId, question, answer}
    answered_by            text,
    answered_at            timestamptz not null,
    event_id               text        not null
);

-- when the answers a presale document was written from were given; null: drafted before any answers arrived
alter table presale_document add column discovery_answered_at timestamptz;
