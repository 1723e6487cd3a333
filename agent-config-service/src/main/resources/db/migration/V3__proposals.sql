-- Proposals (L2 review, four eyes): a rendering committed on its own branch, approved into a tagged release on main.
create table proposal (
    id              uuid        primary key,
    engagement_id   uuid        not null references engagement (engagement_id),
    number          integer     not null,
    branch          text        not null,
    base_commit     text,
    commit_id       text        not null,
    agent_revision  integer     not null,
    status          text        not null,
    proposed_by     text        not null,
    proposed_at     timestamptz not null,
    decided_by      text,
    decided_at      timestamptz,
    comments        text,
    release_tag     text,
    release_commit  text,
    unique (engagement_id, number)
);
