-- A kill switch is recorded before the host is touched: while the host cannot be reached the gateway stays SUSPENDING
-- and the kill is retried until it is enforced (or the gateway is resumed).
alter table gateway add column kill_requested_at timestamptz;
alter table gateway add column kill_attempts integer not null default 0;
alter table gateway add column kill_last_error text;
create index gateway_suspending on gateway (state) where state = 'SUSPENDING';

-- Which service instance drives a deployment, until when (renewed while it does), as for provisioning runs; a
-- deployment whose host is unreachable goes back to PENDING and counts the attempt.
alter table deployment add column lease_owner text;
alter table deployment add column lease_until timestamptz;
alter table deployment add column attempts integer not null default 0;
