-- A config.approved that arrives before the engagement's gateway exists is kept (gateway_id null) and bound to the
-- gateway when it is installed, then deployed like any other.
alter table deployment alter column gateway_id drop not null;
create index deployment_unbound on deployment (engagement_id) where gateway_id is null;
