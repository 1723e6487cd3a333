-- Contracts: every draft is a new version; a signed version is immutable (an amendment is the next version).
create table contract (
    id                              uuid primary key,
    engagement_id                   uuid        not null references billing_account (engagement_id),
    client_id                       text        not null,
    version                         int         not null,
    status                          text        not null,   -- DRAFT, SIGNED, SUPERSEDED
    tier                            text        not null,
    currency                        text        not null,
    client_country                  text        not null,
    build_price_cents               bigint      not null,
    deposit_percent                 int         not null,
    deposit_cents                   bigint      not null,
    balance_cents                   bigint      not null,
    balance_due_on                  text        not null,
    maintenance_monthly_cents       bigint      not null,
    token_payer                     text        not null,
    token_markup_basis_points       int         not null,
    monthly_token_budget_usd_cents  bigint      not null,
    pause_at_budget                 boolean     not null,
    payment_terms_days              int         not null,
    drafted_by                      text        not null,
    drafted_at                      timestamptz not null,
    signed_by                       text,
    signed_at                       timestamptz,
    unique (engagement_id, version)
);

-- Only the status of a signed contract may change (SIGNED -> SUPERSEDED); a contract is never deleted.
create function contract_immutable() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'contract % cannot be deleted', old.id;
    end if;
    if old.status <> 'DRAFT' and (to_jsonb(new) - 'status') is distinct from (to_jsonb(old) - 'status') then
        raise exception 'contract % is signed and immutable', old.id;
    end if;
    return new;
end $$;
create trigger contract_immutable before update or delete on contract
    for each row execute function contract_immutable();

-- Gapless numbering: one row per year, incremented (and so locked) by the transaction that issues the invoice.
create table invoice_number (
    year         int primary key,
    last_number  int not null
);

create table invoice (
    id                     uuid primary key,
    engagement_id          uuid        not null references billing_account (engagement_id),
    client_id              text        not null,
    contract_id            uuid        references contract (id),
    kind                   text        not null,   -- InvoiceKind
    number                 text        not null unique,
    year                   int         not null,
    sequence               int         not null,
    period                 text,                   -- yyyy-MM of a maintenance, usage or final invoice
    credited_invoice_id    uuid        references invoice (id),
    reason                 text,
    currency               text        not null,
    client_name            text        not null,
    client_country         text        not null,
    billing_email          text,
    seller_name            text        not null,
    seller_address         text        not null,
    seller_mentions        text        not null,
    vat_rate_basis_points  int         not null,
    subtotal_cents         bigint      not null,
    vat_cents              bigint      not null,
    total_cents            bigint      not null,
    issued_at              timestamptz not null,
    due_on                 date        not null,
    status                 text        not null,   -- ISSUED, PAID, CREDITED
    payment_url            text,
    stripe_session_id      text,
    link_attempts          int         not null default 0,
    link_error             text,
    paid_at                timestamptz,
    unique (year, sequence)
);
create index invoice_engagement on invoice (engagement_id, issued_at);
create index invoice_client on invoice (client_id);
create index invoice_awaiting_link on invoice (issued_at) where status = 'ISSUED' and stripe_session_id is null
    and kind <> 'CREDIT_NOTE';
-- a deposit and a balance once per engagement; one periodic invoice per engagement and month
create unique index invoice_once_per_engagement on invoice (engagement_id, kind) where kind in ('DEPOSIT', 'BALANCE');
create unique index invoice_once_per_month on invoice (engagement_id, period)
    where kind in ('MAINTENANCE', 'USAGE', 'FINAL');
create unique index invoice_credited_once on invoice (credited_invoice_id) where credited_invoice_id is not null;

create table invoice_line (
    id                      bigserial primary key,
    invoice_id              uuid   not null references invoice (id),
    position                int    not null,
    description             text   not null,
    quantity                int    not null,
    unit_cents              bigint not null,
    amount_cents            bigint not null,
    usage_id                uuid,             -- a re-billed usage day (usage.recorded's deterministic id)
    usage_delta_micro_usd   bigint,           -- the cost this line bills (a correction is the difference)
    unique (invoice_id, position)
);

-- Once issued, what an invoice says never changes: only its payment state and payment link do.
create function invoice_immutable() returns trigger language plpgsql as $$
declare
    mutable constant text[] := array['status', 'payment_url', 'stripe_session_id', 'link_attempts', 'link_error',
                                     'paid_at'];
begin
    if tg_op = 'DELETE' then
        raise exception 'invoice % cannot be deleted', old.number;
    end if;
    if (to_jsonb(new) - mutable) is distinct from (to_jsonb(old) - mutable) then
        raise exception 'invoice % is issued and immutable', old.number;
    end if;
    return new;
end $$;
create trigger invoice_immutable before update or delete on invoice
    for each row execute function invoice_immutable();

create function invoice_line_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'the lines of an issued invoice cannot change';
end $$;
create trigger invoice_line_immutable before update or delete on invoice_line
    for each row execute function invoice_line_immutable();

-- One payment settles one invoice in full: Stripe (webhook or reconciliation) or a supervisor's manual record.
create table payment (
    id            uuid primary key,
    invoice_id    uuid        not null unique references invoice (id),
    method        text        not null,   -- stripe, manual
    reference     text,
    amount_cents  bigint      not null,
    currency      text        not null,
    recorded_by   text        not null,
    reason        text,
    paid_at       timestamptz not null,
    recorded_at   timestamptz not null
);

-- Every Stripe event id handled once, whatever Stripe redelivers.
create table stripe_event (
    id           text primary key,
    type         text        not null,
    outcome      text        not null,
    received_at  timestamptz not null
);
