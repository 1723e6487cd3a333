-- Planned maintenance of an engagement's agent, announced by a supervisor (ADR 0019): the client's destinations are
-- told in client-facing words, a silence holds the client's messages in the cockpit during the window, and a
-- cancellation is told too. Who planned and who cancelled, and when, stay here.
create table maintenance_window (
    id             uuid primary key,
    engagement_id  uuid        not null,
    client_id      text        not null,
    starts_at      timestamptz not null,
    ends_at        timestamptz not null,
    reason         text        not null,          -- internal: shown to staff, never to the client
    silence_id     uuid        not null references silence (id),
    created_by     text        not null,
    created_at     timestamptz not null,
    cancelled_by   text,
    cancelled_at   timestamptz,
    constraint maintenance_window_ends_after_start check (ends_at > starts_at),
    constraint maintenance_window_cancelled_by_someone check ((cancelled_at is null) = (cancelled_by is null))
);
create index maintenance_window_engagement on maintenance_window (engagement_id, starts_at desc, id desc);
