-- How a committed outbox row wakes the relay (ADR 0072), shared by every service (service-kit). A repeatable
-- migration: Flyway re-applies it whenever it changes, after the versioned ones, so it never competes with a
-- service's own version numbers.
--
-- A NOTIFY serializes the commits of every transaction that sends one (PostgreSQL holds a database-wide lock from
-- the notification's queueing to the end of the commit, WAL flush included): at hundreds of producing transactions
-- a second they commit one at a time. So a relay that sees that many notifications stops needing them: it polls the
-- outbox and writes until when into outbox_relay (a lease it renews while rows keep coming), and the trigger
-- notifies only when no relay is polling. The relay keeps polling a grace period past its lease, so a transaction
-- that skipped its NOTIFY and commits shortly after the lease ended is still seen.

create table if not exists outbox_relay (
    singleton      boolean     primary key default true check (singleton),
    polling_until  timestamptz not null
);
insert into outbox_relay (singleton, polling_until) values (true, '-infinity') on conflict (singleton) do nothing;

create or replace function outbox_notify() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from outbox_relay where polling_until > clock_timestamp()) then
        perform pg_notify('lobsterops_outbox', '');
    end if;
    return null;
end $$;
