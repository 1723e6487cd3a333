-- Which service instance drives a run, until when (renewed while it does): another instance, or the same service
-- restarted, takes over a RUNNING run only once the lease has lapsed.
alter table provisioning_run add column lease_owner text;
alter table provisioning_run add column lease_until timestamptz;
