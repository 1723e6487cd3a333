-- The billed service period of an engagement: from go-live (stage LIVE) to termination, minus its suspensions.
alter table billing_account add column live_since timestamptz;
alter table billing_account add column terminated_at timestamptz;

create table service_pause (
    id             bigserial primary key,
    engagement_id  uuid        not null references billing_account (engagement_id),
    paused_at      timestamptz not null,
    resumed_at     timestamptz
);
create index service_pause_engagement on service_pause (engagement_id, paused_at);

-- Model usage per client/agent/day as monitoring last counted it (usage.recorded replaces, never adds), and how much
-- of its cost has been billed: the next invoice bills the difference, so a replay bills nothing and a correction
-- bills its delta.
create table usage_day (
    usage_id          uuid primary key,
    engagement_id     uuid        not null,
    client_id         text        not null,
    agent_id          text        not null,
    day               date        not null,
    model             text,
    input_tokens      bigint      not null,
    output_tokens     bigint      not null,
    cost_micro_usd    bigint      not null,
    billed_micro_usd  bigint      not null default 0,
    unpriced_tokens   boolean     not null,
    recorded_at       timestamptz not null
);
create index usage_day_engagement on usage_day (engagement_id, day);
