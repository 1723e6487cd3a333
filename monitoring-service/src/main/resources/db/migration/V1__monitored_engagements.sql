-- One row per engagement under monitoring, registered when provisioning-service publishes engagement.opened and
-- following the engagement's stage. Probes, usage and quality are not configured yet: the three watch_* columns say so.
create table monitored_engagement (
    engagement_id            uuid primary key,
    client_id                text        not null,
    client_name              text        not null,
    stage                    text        not null,
    status                   text        not null,
    health_probe             text        not null,
    usage_watch              text        not null,
    quality_watch            text        not null,
    stability_window_start   timestamptz,
    stability_window_min_end timestamptz,
    stability_window_max_end timestamptz,
    registered_at            timestamptz not null,
    updated_at               timestamptz not null
);
create index monitored_engagement_client on monitored_engagement (client_id);
create index monitored_engagement_stage on monitored_engagement (stage);
create index monitored_engagement_order on monitored_engagement (registered_at desc, engagement_id);
