-- Routing as data, destinations with sealed secrets, the durable delivery queue, grouping, paging, silences,
-- the morning digest (ADR 0014).

-- The cockpit inbox keeps every message; these columns carry its grouping, paging and acknowledgement.
alter table inbox_message
    add column source_event_type text,
    add column escalation_id     uuid,
    add column group_key         text,                 -- one open message per (engagement, audience, group_key)
    add column group_open        boolean     not null default false,
    add column updates           int         not null default 0,
    add column updated_at        timestamptz,
    add column acknowledged_via  text,                 -- api | telegram
    add column next_page_at      timestamptz,          -- P0 re-paging: when the next page is due (null: not paging)
    add column pages             int         not null default 0,
    add column silenced          boolean     not null default false;
create unique index inbox_message_open_group on inbox_message (engagement_id, audience, group_key) where group_open;
create index inbox_message_paging on inbox_message (next_page_at) where next_page_at is not null;

-- Where messages can go. client_id null: a staff destination (on_duty_rank orders the on-duty list); otherwise the
-- destination belongs to that client and nothing of another client may ever be sent to it.
create table destination (
    id             uuid primary key,
    name           text        not null,
    channel        text        not null check (channel in ('TELEGRAM', 'EMAIL', 'SLACK')),
    client_id      text,
    person         text,
    address        text,                   -- Telegram chat id, e-mail address; null for Slack (the URL is secret)
    secret_sealed  text,                   -- AES-256-GCM: bot token or incoming-webhook URL
    on_duty_rank   int,
    enabled        boolean     not null default true,
    created_at     timestamptz not null,
    created_by     text        not null,
    constraint destination_rank_is_staff check (client_id is null or on_duty_rank is null)
);
create index destination_client on destination (client_id, channel);

-- Rules: an event's message of (audience, priority, type) goes to a channel. client_id and destination_id narrow a
-- rule to one client or one destination; the routing query still only ever selects destinations of the event's own
-- client (audience CLIENT) or staff destinations (audience STAFF).
create table route (
    id              uuid primary key,
    name            text        not null,
    audience        text        not null check (audience in ('STAFF', 'CLIENT')),
    priority        text        check (priority in ('P0', 'P1', 'P2', 'P3')),
    event_type      text,
    client_id       text,
    channel         text        not null check (channel in ('TELEGRAM', 'EMAIL', 'SLACK')),
    destination_id  uuid        references destination (id) on delete cascade,
    repage          boolean     not null default false,
    enabled         boolean     not null default true,
    created_at      timestamptz not null default now(),
    created_by      text        not null default 'migration'
);

-- The runbook's defaults: P0 pages the first person on duty on Telegram at once and again until acknowledged;
-- P1 goes to the on-duty list on Telegram (and the cockpit); P2/P3 stay in the cockpit and the morning digest.
-- Client-facing messages go to the client's own destinations on every channel it has.
insert into route (id, name, audience, priority, event_type, channel, repage) values
    ('00000000-0000-0000-0000-000000000001', 'P0 pages the person on duty', 'STAFF', 'P0', null, 'TELEGRAM', true),
    ('00000000-0000-0000-0000-000000000002', 'P1 on Telegram to the on-duty list', 'STAFF', 'P1', null, 'TELEGRAM', false),
    ('00000000-0000-0000-0000-000000000003', 'Client messages to the client''s Telegram', 'CLIENT', null, null, 'TELEGRAM', false),
    ('00000000-0000-0000-0000-000000000004', 'Client messages to the client''s e-mail', 'CLIENT', null, null, 'EMAIL', false),
    ('00000000-0000-0000-0000-000000000005', 'Client messages to the client''s Slack', 'CLIENT', null, null, 'SLACK', false);

-- One delivery per message x destination (x edit or page number): the durable queue the worker drains.
create table delivery (
    id               uuid primary key,
    message_id       uuid        not null references inbox_message (id),
    destination_id   uuid        not null references destination (id) on delete cascade,
    client_id        text,                  -- the destination's client (null: staff), for the client's own view
    channel          text        not null,
    kind             text        not null,  -- SEND | EDIT (a grouped message updated in place)
    seq              int         not null default 0,   -- page number (SEND) or update number (EDIT)
    status           text        not null,  -- PENDING | SENDING | SENT | DEAD | UNCERTAIN | CANCELLED
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null,
    lease_until      timestamptz,
    parts_sent       int         not null default 0,
    receipt          text,
    last_error       text,
    created_at       timestamptz not null,
    sent_at          timestamptz,
    constraint delivery_once unique (message_id, destination_id, kind, seq)
);
create index delivery_due on delivery (next_attempt_at) where status = 'PENDING';
create index delivery_leased on delivery (lease_until) where status = 'SENDING';
create index delivery_listing on delivery (status, created_at desc);
create index delivery_client on delivery (client_id, created_at desc);
create index delivery_message on delivery (message_id);

-- Wake the worker right after commit (NOTIFY is delivered only when the inserting transaction commits).
create function delivery_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('lobsterops_delivery', '');
    return null;
end $$;
create trigger delivery_notify after insert on delivery
    for each statement execute function delivery_notify();

-- Which client an engagement belongs to, as first seen: an event naming another client for it is refused.
create table engagement_client (
    engagement_id  uuid primary key,
    client_id      text        not null,
    seen_at        timestamptz not null default now()
);

-- Silences: no message of the client (or one engagement) leaves on a channel until ends_at; P0 still pages.
create table silence (
    id             uuid primary key,
    client_id      text        not null,
    engagement_id  uuid,
    reason         text        not null,
    starts_at      timestamptz not null,
    ends_at        timestamptz not null,
    created_by     text        not null,
    created_at     timestamptz not null,
    constraint silence_ends_after_start check (ends_at > starts_at)
);
create index silence_client on silence (client_id, ends_at);

-- The last health of each gateway, for the digest's "agents not UP".
create table gateway_health (
    gateway_id     uuid primary key,
    engagement_id  uuid        not null,
    client_id      text        not null,
    health         text        not null,
    changed_at     timestamptz not null
);

-- One digest per local day, whatever the number of replicas.
create table digest_run (
    day         date primary key,
    ran_at      timestamptz not null,
    message_id  uuid
);
