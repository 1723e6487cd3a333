-- Every committed change of a run or one of its steps notifies 'lobsterops_run' with the run id, so each service
-- instance streams a run's progress (server-sent events) whichever instance drives it. PostgreSQL delivers
-- notifications at commit and folds identical ones of a transaction into one. The trigger's argument names the
-- column holding the run id.
create function notify_run_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('lobsterops_run', to_jsonb(new) ->> tg_argv[0]);
    return null;
end $$;
create trigger provisioning_run_changed after insert or update on provisioning_run
    for each row execute function notify_run_changed('id');
create trigger run_step_changed after update on run_step
    for each row execute function notify_run_changed('run_id');
