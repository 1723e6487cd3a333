-- Training cycles (1–3): the briefing feedback of the client and the engineer, and the config version it produced.
create table training_cycle (
    id                 uuid        primary key,
    engagement_id      uuid        not null references engagement (engagement_id),
    cycle              integer     not null check (cycle between 1 and 3),
    client_feedback    text        not null,
    engineer_feedback  text        not null,
    config_commit      text        not null,
    recorded_by        text        not null,
    recorded_at        timestamptz not null,
    unique (engagement_id, cycle)
);
