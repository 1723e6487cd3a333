-- provisioning's client.archived (ADR 0059): when the client was archived. Its repository stays, and its names stay
-- among the other clients' names the leak lint refuses: a former client is as confidential as a current one.
alter table client add column archived_at timestamptz;
