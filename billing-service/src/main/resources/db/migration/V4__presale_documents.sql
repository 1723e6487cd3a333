-- Proposals and statements of work: rendered from the contract when drafted (what is reviewed is what is sent),
-- reviewed four-eyes (Go/No-Go by a supervisor other than the author, with the reason), then marked sent.
create table presale_document (
    id               uuid primary key,
    engagement_id    uuid        not null references billing_account (engagement_id),
    contract_id      uuid        not null references contract (id),
    kind             text        not null,   -- PROPOSAL, SOW
    status           text        not null,   -- DRAFT, APPROVED, REJECTED, SENT
    author           text        not null,
    created_at       timestamptz not null,
    reviewer         text,
    decision         text,                   -- GO, NO_GO
    decision_reason  text,
    decided_at       timestamptz,
    sent_by          text,
    sent_at          timestamptz,
    content          text        not null    -- the XHTML rendered when drafted
);
create index presale_document_engagement on presale_document (engagement_id, created_at);
