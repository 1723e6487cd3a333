-- A terminated gateway no longer holds its port or profile on its host (ADR 0040: it no longer counts on the host;
-- placement hands its port to the next gateway): the uniqueness of (host, port) and (host, profile) covers the
-- gateways that are not TERMINATED only. Before this, placing a gateway on a host whose earlier gateway was terminated
-- failed with a duplicate key. Expand-only (ADR 0025): a looser constraint, nothing an older instance relies on.
alter table gateway drop constraint gateway_host_id_port_key;
alter table gateway drop constraint gateway_host_id_profile_key;
create unique index gateway_live_port on gateway (host_id, port) where state <> 'TERMINATED';
create unique index gateway_live_profile on gateway (host_id, profile) where state <> 'TERMINATED';
