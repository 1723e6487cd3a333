-- What monitoring needs to reach a host with its own key, from provisioning's host.registered / host.changed events:
-- never a key or a secret, only where the host is and which host key to expect.
create table monitored_host (
    host_id              uuid primary key,
    name                 text,
    address              text        not null,
    ssh_port             integer     not null,
    login_user           text        not null,
    host_key_fingerprint text,
    install_dir          text        not null,
    updated_at           timestamptz not null
);
