create table client (
    id             text primary key,              -- slug, e.g. acme
    name           text        not null,
    created_at     timestamptz not null,
    created_by     text        not null
);

create table engagement (
    id              uuid primary key,
    client_id       text        not null references client (id),
    contact_name    text,
    contact_email   text,
    sector          text,
    region          text,
    stage           text        not null,
    suspended_from  text,
    opened_by       text        not null,
    opened_at       timestamptz not null,
    updated_at      timestamptz not null,
    version         integer     not null default 0
);
create index engagement_client on engagement (client_id);
create index engagement_stage on engagement (stage);
create index engagement_listing on engagement (opened_at desc, id);

create table stage_change (
    id             bigserial primary key,
    engagement_id  uuid        not null references engagement (id),
    from_stage     text,
    to_stage       text        not null,
    reason         text,
    changed_by     text        not null,
    changed_at     timestamptz not null
);
create index stage_change_engagement on stage_change (engagement_id, id);
