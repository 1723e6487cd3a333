-- The workspace files of each approved release (from config.approved: path and SHA-256, never the content), and which
-- release runs on the engagement's gateway (agent.deployed): what the status probe's hashes are compared with.
create table released_file (
    engagement_id uuid not null,
    commit_id     text not null,
    path          text not null,
    sha256        text not null,
    primary key (engagement_id, commit_id, path)
);
alter table monitored_engagement add column deployed_commit text;
alter table monitored_engagement add column deployed_tag text;
