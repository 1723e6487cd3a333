-- Gold-set evaluations (ADR 0037): the released gold set run on a gateway after a deployment (queued in the
-- transaction that records the deployment, so a crash between the two never loses one), after an upgrade, or on
-- demand; its score and per-case verdicts (JSON, excerpts redacted) once done. A RUNNING row whose lease lapsed is
-- taken over, like a deployment.
create table gold_set_evaluation (
    id               uuid             primary key,
    engagement_id    uuid             not null,
    client_id        text             not null,
    gateway_id       uuid             not null,
    deployment_id    uuid,
    released_commit  text             not null,
    openclaw_version text,
    occasion         text             not null,
    status           text             not null,
    score            double precision,
    threshold        double precision,
    passed           boolean,
    cases            text,
    note             text,
    attempts         int              not null default 0,
    lease_owner      text,
    lease_until      timestamptz,
    created_at       timestamptz      not null,
    started_at       timestamptz,
    evaluated_at     timestamptz,
    version          int              not null default 0
);
create index gold_set_evaluation_engagement on gold_set_evaluation (engagement_id, created_at);
create index gold_set_evaluation_open on gold_set_evaluation (status) where status <> 'DONE';
