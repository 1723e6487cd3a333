-- The final invoice ends an engagement's billing: one per engagement, whatever reaches billing first (agent.terminated
-- or the stage change to TERMINATED), a duplicate or a replay (ADR 0048). Credit notes are their own kind.
create unique index invoice_one_final on invoice (engagement_id) where kind = 'FINAL';
