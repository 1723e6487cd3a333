-- A periodic invoice (maintenance, usage, final) records the service interval it bills, [service_from, service_to):
-- a supervisor may bill the current month before it ends (what was in service so far), and the run after the month
-- ends bills the rest of it from where that invoice stopped. So a month may now have two periodic invoices, which
-- never start at the same instant; invoices issued before this migration (null) billed their whole month.
alter table invoice add column service_from timestamptz;
alter table invoice add column service_to timestamptz;
create unique index invoice_once_per_service_start on invoice (engagement_id, period, service_from)
    where service_from is not null;
drop index invoice_once_per_month;
