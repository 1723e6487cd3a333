-- A fleet upgrade in waves (issue 12, ADR 0058): one OpenClaw version for an ordered list of gateways, the first the
-- canary; each gateway's own upgrade (gateway_upgrade) starts only once the one before it was kept, and the wave halts
-- at the first rollback. The members and their outcomes are a JSON list in the row, changed under its version.
create table upgrade_wave (
    id            uuid primary key,
    to_version    text        not null,
    status        text        not null,
    members       text        not null,
    halted_reason text,
    requested_by  text        not null,
    created_at    timestamptz not null,
    finished_at   timestamptz,
    version       integer     not null default 0
);
create index upgrade_wave_running on upgrade_wave (created_at) where status = 'RUNNING';
