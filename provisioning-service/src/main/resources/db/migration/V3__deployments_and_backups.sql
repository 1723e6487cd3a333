-- Approved agent configurations deployed to gateways, with what they replaced (issue 3)
create table deployment (
    id                   uuid primary key,
    gateway_id           uuid        not null references gateway (id),
    engagement_id        uuid        not null references engagement (id),
    event_id             text        not null unique,     -- the config.approved CloudEvent id
    repository           text,
    commit_sha           text        not null,
    tag                  text,
    previous_commit      text,
    files                text        not null,            -- JSON array of {path, sha256, content}
    status               text        not null,            -- PENDING | RUNNING | DEPLOYED | ROLLED_BACK | FAILED
    approved_by          text,
    output               text,
    reason               text,
    created_at           timestamptz not null,
    started_at           timestamptz,
    finished_at          timestamptz,
    version              integer     not null default 0
);
create index deployment_pending on deployment (status, created_at);
create index deployment_gateway on deployment (gateway_id, created_at);

create table gateway_backup (
    id                   uuid primary key,
    gateway_id           uuid        not null references gateway (id),
    archive_path         text        not null,
    verified             boolean     not null,
    size_bytes           bigint,
    created_by           text        not null,
    created_at           timestamptz not null
);
create index gateway_backup_gateway on gateway_backup (gateway_id, created_at);
