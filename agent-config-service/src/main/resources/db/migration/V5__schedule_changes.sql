-- The last cadence change monitoring published for each activity of an agent (schedule.changed), and what it did:
-- a change older than the one recorded here is ignored, so an event arriving late never undoes a newer one.
create table schedule_change (
    id                uuid        primary key,
    engagement_id     uuid        not null references engagement (engagement_id),
    activity          text        not null,
    cadence           text        not null,
    previous_cadence  text,
    approved_by       text        not null,
    changed_at        timestamptz not null,
    event_id          text        not null,
    outcome           text        not null,
    detail            text,
    proposal_id       uuid        references proposal (id),
    recorded_at       timestamptz not null,
    unique (engagement_id, activity)
);
