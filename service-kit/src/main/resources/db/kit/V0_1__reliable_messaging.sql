-- Reliable messaging, shared by every service (service-kit). Service migrations start at V1.

-- Transactional outbox: written in the same transaction as the state change, published by OutboxRelay.
create table outbox (
    id            bigserial primary key,           -- publication order
    event_id      uuid        not null unique,     -- CloudEvent id
    topic         text        not null,
    record_key    text        not null,            -- engagement id: per-engagement order on Kafka
    type          text        not null,
    source        text        not null,
    subject       text        not null,
    occurred_at   timestamptz not null,
    payload       text        not null,            -- JSON
    created_at    timestamptz not null default now(),
    published_at  timestamptz
);
create index outbox_pending on outbox (id) where published_at is null;
create index outbox_published on outbox (published_at) where published_at is not null;

-- Wake the relay right after commit: NOTIFY is delivered only when the inserting transaction commits.
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('lobsterops_outbox', '');
    return null;
end $$;
create trigger outbox_notify after insert on outbox for each statement execute function outbox_notify();

-- Idempotent consumer: an event id is recorded in the same transaction as its effect.
create table processed_event (
    event_id      text        not null,
    consumer      text        not null,
    type          text        not null,
    processed_at  timestamptz not null default now(),
    primary key (event_id, consumer)
);
