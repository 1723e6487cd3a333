-- Issue 13: the monthly status report a supervisor approves, and the small copies of other services' facts that the
-- report and the cockpit of today are built from (monitoring never asks another service: ADR 0034).

-- One report per engagement and month (yyyy-MM). DRAFT -> APPROVED -> SENT, or DRAFT -> CHANGES_REQUESTED -> (re-rendered)
-- DRAFT. The HTML is stored as rendered (the PDF is rendered from it); figures is the same content as JSON.
create table monthly_report (
    id                uuid primary key,
    engagement_id     uuid        not null,
    client_id         text        not null,
    period            text        not null,
    state             text        not null,
    revision          integer     not null,
    figures           text        not null,
    html              text        not null,
    rendered_by       text        not null,
    rendered_at       timestamptz not null,
    changes_note      text,
    changes_by        text,
    changes_at        timestamptz,
    approved_by       text,
    approved_at       timestamptz,
    sent_at           timestamptz,
    version           integer     not null default 0,
    unique (engagement_id, period)
);
create index monthly_report_state on monthly_report (state, rendered_at);
create index monthly_report_client on monthly_report (client_id, period desc);

-- What changed on an engagement, as monitoring learned it from events: deployments, OpenClaw upgrades, schedule changes,
-- gold sets, termination. One row per fact (id derived from the fact, so a replay adds nothing).
create table engagement_change (
    id            uuid primary key,
    engagement_id uuid        not null,
    kind          text        not null,
    summary       text        not null,
    happened_at   timestamptz not null
);
create index engagement_change_engagement on engagement_change (engagement_id, happened_at);

-- Configurations proposed for review (config.proposed) and whether they were approved (config.approved).
create table config_review (
    proposal_id   uuid primary key,
    engagement_id uuid        not null,
    client_id     text        not null,
    commit_id     text,
    author        text,
    proposed_at   timestamptz not null,
    approved_by   text,
    approved_at   timestamptz
);
create index config_review_waiting on config_review (proposed_at) where approved_at is null;

-- Invoices as billing announced them (invoice.issued) and their payment (invoice.paid / payment.received).
create table known_invoice (
    invoice_id    uuid primary key,
    engagement_id uuid        not null,
    client_id     text        not null,
    number        text        not null,
    kind          text        not null,
    total_cents   bigint      not null,
    currency      text        not null,
    due_on        date,
    issued_at     timestamptz not null,
    paid_at       timestamptz
);
create index known_invoice_unpaid on known_invoice (due_on) where paid_at is null;
