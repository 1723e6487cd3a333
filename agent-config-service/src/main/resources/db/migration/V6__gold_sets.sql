-- The gold set of an engagement's agent as last edited (YAML, the file committed as openclaw/gold-set.yaml with the
-- next proposal). No row: the starter set derived from the agent definition is what the next proposal commits.
create table gold_set (
    engagement_id  uuid        primary key references engagement (engagement_id),
    document       text        not null,
    revision       int         not null,
    updated_by     text        not null,
    updated_at     timestamptz not null
);
