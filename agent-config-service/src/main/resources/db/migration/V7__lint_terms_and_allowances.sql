-- The leak lint's run-time data (ADR 0045). lint_terms: every version of the agency's confidential terms and of its
-- suppliers, as a supervisor set them (one term a line); the highest version is in force, none means the
-- configuration's defaults. lint_allowance: one finding a supervisor allowed for one agent, with the reason.
create table lint_terms (
    version     integer     primary key,
    terms       text        not null,
    suppliers   text        not null,
    reason      text        not null,
    changed_by  text        not null,
    changed_at  timestamptz not null
);

create table lint_allowance (
    id             uuid        primary key,
    engagement_id  uuid        not null references engagement (engagement_id),
    client_id      text        not null,
    file           text        not null,
    rule           text        not null,
    excerpt        text        not null,
    reason         text        not null,
    allowed_by     text        not null,
    allowed_at     timestamptz not null,
    unique (engagement_id, file, rule, excerpt)
);
create index lint_allowance_client on lint_allowance (client_id);
