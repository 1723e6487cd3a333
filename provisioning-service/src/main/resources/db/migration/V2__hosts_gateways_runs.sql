-- Hosts the agency runs gateways on, their pinned host key and gathered facts (issue 3)
create table host (
    id                   uuid primary key,
    name                 text        not null,
    address              text        not null,
    ssh_port             integer     not null,
    login_user           text        not null,
    kind                 text        not null,            -- DEDICATED | SHARED
    capacity             integer     not null,
    region               text,
    install_dir          text        not null,            -- where Node/openclaw go: relative to HOME or absolute
    public_key           text        not null,            -- authorized_keys line to install on the host
    private_key_sealed   text        not null,            -- AES-GCM, never returned
    host_key_fingerprint text,                            -- SHA256:..., pinned on first contact
    trust_mode           text,                            -- EXPECTED | FIRST_USE
    trusted_by           text,
    trusted_at           timestamptz,
    status               text        not null,            -- UNTRUSTED | TRUSTED | HOST_KEY_CHANGED
    presented_fingerprint text,                           -- what a mismatching host presented
    facts_os             text,
    facts_kernel         text,
    facts_cpus           integer,
    facts_memory_mb      bigint,
    facts_free_disk_mb   bigint,
    facts_node_version   text,
    facts_openclaw_version text,
    facts_systemd_user   boolean,
    facts_at             timestamptz,
    registered_by        text        not null,
    registered_at        timestamptz not null,
    version              integer     not null default 0
);
-- one machine may be registered more than once (another login user, a re-registration): each entry has its own key

-- One gateway per engagement (it never serves two clients), on one host, in its own profile, port and directory
create table gateway (
    id                   uuid primary key,
    engagement_id        uuid        not null unique references engagement (id),
    client_id            text        not null references client (id),
    host_id              uuid        not null references host (id),
    profile              text        not null,
    port                 integer     not null,
    agent_id             text        not null,
    state                text        not null,            -- PROVISIONING | RUNNING | FAILED | SUSPENDED
    openclaw_version     text        not null,
    token_sealed         text        not null,
    model_provider_id    text        not null,
    model_base_url       text        not null,
    model_id             text        not null,
    model_api_key_sealed text        not null,
    telegram_token_sealed text,
    telegram_dm_policy   text,
    telegram_allow_from  text,
    deployed_commit      text,
    deployed_tag         text,
    suspended_by         text,
    suspended_reason     text,
    suspended_at         timestamptz,
    created_by           text        not null,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    version              integer     not null default 0,
    unique (host_id, profile),
    unique (host_id, port)
);
create index gateway_host on gateway (host_id);

create table provisioning_run (
    id                   uuid primary key,
    gateway_id           uuid        not null references gateway (id),
    engagement_id        uuid        not null references engagement (id),
    status               text        not null,            -- PENDING | RUNNING | INTERRUPTED | SUCCEEDED | FAILED
    started_by           text        not null,
    created_at           timestamptz not null,
    finished_at          timestamptz,
    failed_step          text,
    failure_reason       text,
    interruptions        integer     not null default 0,
    retry_at             timestamptz,
    version              integer     not null default 0
);
create index provisioning_run_status on provisioning_run (status);

create table run_step (
    id                   bigserial primary key,
    run_id               uuid        not null references provisioning_run (id),
    ordinal              integer     not null,
    name                 text        not null,
    status               text        not null,            -- PENDING | RUNNING | DONE | SKIPPED | FAILED
    started_at           timestamptz,
    finished_at          timestamptz,
    exit_status          integer,
    output               text,
    attempts             integer     not null default 0,
    unique (run_id, ordinal)
);

-- Deposit gating: PROVISIONING needs the deposit paid (payment.received) or a supervisor's audited waiver
alter table engagement add column deposit_paid_at timestamptz;
alter table engagement add column deposit_invoice text;
alter table engagement add column deposit_waived_by text;
alter table engagement add column deposit_waiver_reason text;
alter table engagement add column deposit_waived_at timestamptz;
