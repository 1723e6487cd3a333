-- The gold set's score on the new version, kept from the gold-set step until the upgrade is kept: agent.upgraded
-- carries it (it was published null, the score living only in the step that ran before KEEP).
alter table gateway_upgrade add column gold_set_score double precision;
