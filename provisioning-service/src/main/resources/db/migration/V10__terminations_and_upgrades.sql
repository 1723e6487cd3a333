-- Termination (runbook §5, ADR 0040): one per engagement, its resumable steps kept as JSON (name, status, times,
-- attempts, redacted output), what was archived (manifest hash) and what was deleted where, for the certificate.
create table termination (
    id                       uuid primary key,
    engagement_id            uuid        not null unique,
    client_id                text        not null,
    gateway_id               uuid,
    reason                   text        not null,
    requested_by             text        not null,
    status                   text        not null,
    steps                    text        not null,
    deleted                  text        not null default '[]',
    archive_path             text,
    archive_manifest_sha256  text,
    archive_files            integer,
    archive_bytes            bigint,
    repository               text,
    repository_note          text,
    failed_step              text,
    failure_reason           text,
    interruptions            integer     not null default 0,
    retry_at                 timestamptz,
    lease_owner              text,
    lease_until              timestamptz,
    created_at               timestamptz not null,
    finished_at              timestamptz,
    retain_until             timestamptz,
    archive_deleted_at       timestamptz,
    version                  integer     not null default 0
);
create index termination_open on termination (status) where status in ('PENDING', 'RUNNING', 'INTERRUPTED');

-- Upgrades of a gateway's OpenClaw (runbook §4, ADR 0041): resumable steps like a termination's, the versions, and
-- how it ended (kept, or rolled back with the failed step and why).
create table gateway_upgrade (
    id                 uuid primary key,
    gateway_id         uuid        not null references gateway (id),
    engagement_id      uuid        not null,
    client_id          text        not null,
    from_version       text        not null,
    to_version         text        not null,
    status             text        not null,
    steps              text        not null,
    snapshot_path      text,
    failed_step        text,
    failure_reason     text,
    requested_by       text        not null,
    interruptions      integer     not null default 0,
    retry_at           timestamptz,
    lease_owner        text,
    lease_until        timestamptz,
    created_at         timestamptz not null,
    finished_at        timestamptz,
    version            integer     not null default 0
);
create unique index gateway_upgrade_one_open on gateway_upgrade (gateway_id)
    where status in ('PENDING', 'RUNNING', 'INTERRUPTED', 'ROLLING_BACK');
