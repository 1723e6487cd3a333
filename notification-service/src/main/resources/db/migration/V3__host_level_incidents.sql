-- An incident about a host as a whole (a changed host key concerns every gateway on it) is a staff message with no
-- engagement and no client, grouped by its host (ADR 0018).
alter table inbox_message
    alter column engagement_id drop not null,
    alter column client_id drop not null,
    add column host_id uuid,
    add constraint inbox_message_about_something check (engagement_id is not null or host_id is not null),
    add constraint inbox_message_client_has_client check (audience = 'STAFF' or client_id is not null);

-- One open message per (engagement, audience, group key): a host's messages (no engagement) are one group too.
drop index inbox_message_open_group;
create unique index inbox_message_open_group on inbox_message (engagement_id, audience, group_key) nulls not distinct
    where group_open;
create index inbox_message_host on inbox_message (host_id, created_at desc) where host_id is not null;
