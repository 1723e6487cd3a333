-- P4: a line in the cockpit only (an upgrade kept, a gold set passed): no default rule routes it and the morning
-- digest leaves it out (ADR 0049). A supervisor may still route it.
alter table route drop constraint route_priority_check;
alter table route add constraint route_priority_check check (priority in ('P0', 'P1', 'P2', 'P3', 'P4'));

-- An engagement whose agent was terminated (agent.terminated, once per engagement): the client's destinations receive
-- nothing more about it except billing's messages (its final invoice and payments), and its open pages and groups
-- were closed then (ADR 0047).
create table engagement_termination (
    engagement_id    uuid primary key,
    client_id        text        not null,
    termination_id   uuid,
    terminated_at    timestamptz not null,
    terminated_by    text,
    source_event_id  text        not null,
    recorded_at      timestamptz not null
);
