-- A drifted workspace file is shown as a diff against its release: monitoring keeps each released file's content
-- (agent-config's leak-linted, reviewed files; null for releases recorded before this version) and an escalation
-- carries what was seen (the diff) beside its handoff.
alter table released_file add column content text;
alter table escalation add column evidence text;
