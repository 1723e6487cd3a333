-- Push after commit (ADR 0063): a client whose repository has changes the git server has not received yet. Written in
-- the transaction of the change (an event's or a request's), so it exists exactly when that change committed; the push
-- job pushes the repository and deletes the row, or keeps it with the failure and the time of the next attempt.
-- generation counts the changes recorded since the row was created: a push that started before the last one does not
-- delete the row. leased_until: a job is pushing it (another replica's job leaves it alone until then).
create table pending_push (
    client_id        text        primary key,
    generation       bigint      not null default 1,
    requested_at     timestamptz not null,
    attempts         integer     not null default 0,
    last_attempt_at  timestamptz,
    last_error       text,
    next_attempt_at  timestamptz not null,
    leased_until     timestamptz
);
create index pending_push_due on pending_push (next_attempt_at);

-- Wake the push job right after the commit: NOTIFY is delivered only when the transaction commits (once per
-- transaction, the payload being the same). The job's own updates (lease, failure) touch no generation and wake nobody.
create function pending_push_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('agentconfig_pending_push', '');
    return null;
end $$;
create trigger pending_push_notify after insert or update of generation on pending_push
    for each statement execute function pending_push_notify();

-- Whatever the repositories held before this migration goes out once: a push that failed before is not lost.
insert into pending_push (client_id, requested_at, next_attempt_at)
select client_id, now(), now() from client;
