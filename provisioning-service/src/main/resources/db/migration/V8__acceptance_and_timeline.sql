-- The client's acceptance of the delivery (POST /engagements/{id}/acceptance): who, when, in its own words (ADR 0028).
alter table engagement add column accepted_by text;
alter table engagement add column accepted_at timestamptz;
alter table engagement add column acceptance_comment text;

-- Every event about an engagement (or about a host that carries a gateway) as provisioning consumed it, in a line
-- for staff and, when the client may see it, a line for the client (ADR 0029). Not the payload: a summary is all the
-- timeline and the launch checklist read, and a payload may carry files, answers or host details nobody needs here.
create table timeline_event (
    seq             bigserial primary key,
    event_id        text        not null unique,
    engagement_id   uuid,
    host_id         uuid,
    type            text        not null,
    source          text        not null,
    occurred_at     timestamptz not null,
    actor           text,
    summary         text        not null,
    client_summary  text,
    detail          text,
    check (engagement_id is not null or host_id is not null)
);
create index timeline_event_engagement on timeline_event (engagement_id, occurred_at, seq) where engagement_id is not null;
create index timeline_event_host on timeline_event (host_id, occurred_at, seq) where engagement_id is null;
