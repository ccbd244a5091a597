-- accounts: caller numbers declared as owned by the account for voicemail drops (R-21, X-7): who declared
-- it (person and API key), when, and the text of the declaration. A withdrawal keeps the row.
create table caller_number (
    id              uuid primary key,
    account_id      uuid          not null references account (id),
    e164            varchar(20)   not null,
    national        varchar(20)   not null,
    number_range    varchar(10)   not null,
    declarant_name  varchar(200)  not null,
    declared_by     varchar(200)  not null,
    declared_at     timestamp with time zone not null,
    declaration     varchar(4000) not null,
    status          varchar(12)   not null,  -- active, withdrawn
    withdrawn_at    timestamp with time zone
);
create index caller_number_number on caller_number (account_id, e164, status);
create index caller_number_account on caller_number (account_id, declared_at);
