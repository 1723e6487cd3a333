-- The run phase: gateways probed from the events alone, their health changes, usage per client/agent/UTC day,
-- budgets, agent runs and the optimizer's proposals, escalations with their handoff and decisions, and a stability
-- window of one configured duration (24 h, 48 h for sensitive sectors) that ends in agent.stable.

alter table monitored_engagement add column sector text;
alter table monitored_engagement add column sensitive boolean not null default false;
alter table monitored_engagement add column stability_window_end timestamptz;
alter table monitored_engagement add column stability_window_restarts integer not null default 0;
alter table monitored_engagement add column stable_at timestamptz;
update monitored_engagement set stability_window_end = stability_window_min_end;
alter table monitored_engagement drop column stability_window_min_end;
alter table monitored_engagement drop column stability_window_max_end;
create index monitored_engagement_window on monitored_engagement (stability_window_end)
    where stage = 'LIVE' and stable_at is null;

-- One row per installed gateway: what monitoring needs to reach it (from gateway.installed and the host events) and
-- its damped health. probing is false while the agent is suspended or terminated.
create table monitored_gateway (
    gateway_id             uuid primary key,
    engagement_id          uuid        not null references monitored_engagement (engagement_id),
    client_id              text        not null,
    host_id                uuid        not null,
    profile                text        not null,
    port                   integer     not null,
    openclaw_version       text,
    probing                boolean     not null,
    health                 text        not null,
    consecutive_failures   integer     not null default 0,
    consecutive_successes  integer     not null default 0,
    health_since           timestamptz not null,
    last_outcome           text,
    last_detail            text,
    last_checked_at        timestamptz,
    last_latency_ms        integer,
    rss_bytes              bigint,
    rss_measured_at        timestamptz,
    installed_at           timestamptz not null,
    updated_at             timestamptz not null,
    version                integer     not null default 0
);
create index monitored_gateway_engagement on monitored_gateway (engagement_id);
create index monitored_gateway_host on monitored_gateway (host_id);

create table health_change (
    id            uuid primary key,
    gateway_id    uuid        not null references monitored_gateway (gateway_id),
    engagement_id uuid        not null,
    from_health   text        not null,
    to_health     text        not null,
    reason        text        not null,
    changed_at    timestamptz not null
);
create index health_change_gateway on health_change (gateway_id, changed_at desc);

-- One row per (gateway, agent, UTC day), id derived from those three: re-reading a day replaces its figures.
create table usage_day (
    id                 uuid primary key,
    engagement_id      uuid        not null,
    client_id          text        not null,
    gateway_id         uuid        not null,
    agent_id           text        not null,
    day                date        not null,
    model              text,
    input_tokens       bigint      not null,
    output_tokens      bigint      not null,
    cache_read_tokens  bigint      not null,
    cache_write_tokens bigint      not null,
    cost_micro_usd     bigint      not null,
    unpriced_tokens    boolean     not null,
    final_for_day      boolean     not null,
    updated_at         timestamptz not null,
    unique (gateway_id, agent_id, day)
);
create index usage_day_engagement on usage_day (engagement_id, day desc);

create table token_budget (
    engagement_id           uuid primary key,
    client_id               text        not null,
    monthly_usd_cents       bigint      not null,
    pause_at_budget         boolean     not null,
    source                  text        not null,
    set_by                  text        not null,
    set_at                  timestamptz not null
);

create table agent_run (
    id            uuid primary key,
    engagement_id uuid             not null,
    client_id     text             not null,
    activity      text             not null,
    success       boolean          not null,
    duration_ms   bigint           not null,
    quality       double precision,
    notes         text,
    recorded_by   text             not null,
    ran_at        timestamptz      not null,
    recorded_at   timestamptz      not null
);
create index agent_run_engagement on agent_run (engagement_id, ran_at desc, id);

-- The cadence each activity of an agent runs at, as last approved.
create table activity_schedule (
    engagement_id uuid        not null,
    activity      text        not null,
    client_id     text        not null,
    cadence       text        not null,
    approved_by   text,
    changed_at    timestamptz not null,
    primary key (engagement_id, activity)
);

create table optimizer_proposal (
    id            uuid primary key,
    engagement_id uuid        not null,
    client_id     text        not null,
    activity      text        not null,
    kind          text        not null,
    current_value text        not null,
    proposed      text        not null,
    rationale     text        not null,
    records       integer     not null,
    state         text        not null,
    proposed_at   timestamptz not null,
    decided_by    text,
    decided_at    timestamptz,
    decision_note text
);
create unique index optimizer_proposal_open on optimizer_proposal (engagement_id, activity, kind)
    where state = 'PROPOSED';

-- One open escalation per (engagement, rule): a rule that fires again refreshes it instead of opening another.
create table escalation (
    id               uuid primary key,
    engagement_id    uuid        not null,
    client_id        text        not null,
    rule             text        not null,
    priority         text        not null,
    summary          text        not null,
    handoff_context  text        not null,
    handoff_tried    text        not null,
    handoff_options  text        not null,
    handoff_recommendation text  not null,
    handoff_urgency  text        not null,
    state            text        not null,
    raised_at        timestamptz not null,
    last_fired_at    timestamptz not null,
    fired_count      integer     not null,
    acknowledged_by  text,
    acknowledged_at  timestamptz,
    resolved_by      text,
    resolved_at      timestamptz,
    resolution       text,
    version          integer     not null default 0
);
create unique index escalation_open on escalation (engagement_id, rule) where state <> 'RESOLVED';
create index escalation_order on escalation (state, priority, raised_at desc);

create table escalation_decision (
    id            uuid primary key,
    escalation_id uuid        not null references escalation (id),
    decision      text        not null,
    note          text,
    decided_by    text        not null,
    decided_at    timestamptz not null
);
create index escalation_decision_escalation on escalation_decision (escalation_id, decided_at);
