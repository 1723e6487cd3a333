-- A supervisor corrects a client created by mistake (issue 16, ADR 0059): renames it, or archives it when none of its
-- engagements is still open. An archived client gets no new engagement. Every correction is kept: who, when, why,
-- the name before and after.
alter table client add column archived_at timestamptz;
alter table client add column archived_by text;

create table client_change (
    id           bigserial primary key,
    client_id    text        not null references client (id),
    kind         text        not null check (kind in ('RENAMED', 'ARCHIVED')),
    old_name     text        not null,
    new_name     text        not null,
    reason       text        not null,
    changed_by   text        not null,
    changed_at   timestamptz not null
);
create index client_change_client on client_change (client_id, id);
