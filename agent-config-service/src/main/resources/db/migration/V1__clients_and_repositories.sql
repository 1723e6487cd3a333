-- The clients this service knows (from engagement.opened), each with its one git repository.
create table client (
    client_id       text        primary key,
    client_name     text        not null,
    repository      text        not null,   -- where the bare repository lives (a file URI for now)
    default_branch  text        not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

-- Which engagement maps to which client repository, and main's head once the engagement was recorded in it.
create table engagement (
    engagement_id   uuid        primary key,
    client_id       text        not null references client (client_id),
    opened_by       text        not null,
    opened_at       timestamptz not null,
    head_commit     text        not null,
    recorded_at     timestamptz not null
);
create index engagement_client on engagement (client_id, opened_at);
