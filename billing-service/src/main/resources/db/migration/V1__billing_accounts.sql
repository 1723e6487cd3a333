-- One billing account per engagement, opened when provisioning-service publishes engagement.opened.
create table billing_account (
    engagement_id     uuid primary key,
    client_id         text        not null,
    client_name       text        not null,
    billing_contact   text,
    billing_email     text,
    currency          text        not null,
    status            text        not null,
    engagement_stage  text        not null,
    opened_at         timestamptz not null,
    updated_at        timestamptz not null
);
create index billing_account_client on billing_account (client_id);

-- What happened to the account, in order, one line per event applied: the account's timeline.
create table account_activity (
    id             bigserial primary key,
    engagement_id  uuid        not null references billing_account (engagement_id),
    event_id       text        not null,
    summary        text        not null,
    occurred_at    timestamptz not null
);
create index account_activity_engagement on account_activity (engagement_id, id);
