-- The cockpit inbox: one message per (event, audience). Staff see every message; a client user sees only the
-- messages addressed to its own client (audience CLIENT).
create table inbox_message (
    id               uuid primary key,
    engagement_id    uuid        not null,
    client_id        text        not null,
    priority         text        not null,
    audience         text        not null,
    title            text        not null,
    body             text        not null,               -- Markdown
    source_event_id  text        not null,               -- CloudEvent id of the event that caused it
    created_at       timestamptz not null,
    acknowledged_at  timestamptz,
    acknowledged_by  text,
    constraint inbox_message_once unique (source_event_id, audience)
);
create index inbox_message_newest on inbox_message (created_at desc, id desc);
create index inbox_message_engagement on inbox_message (engagement_id, created_at desc);
create index inbox_message_client on inbox_message (client_id, audience, created_at desc);
create index inbox_message_unacknowledged on inbox_message (created_at desc) where acknowledged_at is null;
