-- accounts: tenants, their per-channel status and API keys (hashed).
create table account (
    id                      uuid primary key,
    legal_name              varchar(200) not null,
    trade_name              varchar(200),
    country                 varchar(2)   not null,
    mainland_france         boolean      not null,
    contact_email           varchar(320) not null,
    main_phone              varchar(20),
    postcode                varchar(16),
    subscription_fee_cents  bigint       not null,
    currency                varchar(3)   not null,
    status                  varchar(16)  not null,
    regulated               boolean      not null default false,
    created_at              timestamp with time zone not null
);

create table account_channel (
    account_id  uuid        not null references account (id),
    channel     varchar(8)  not null,
    status      varchar(16) not null,
    until_at    timestamp with time zone,
    reason      varchar(2000),
    updated_at  timestamp with time zone not null,
    primary key (account_id, channel)
);

create table api_key (
    id            uuid primary key,
    account_id    uuid references account (id),
    operator      boolean      not null,
    name          varchar(100) not null,
    display_prefix varchar(16) not null,
    key_hash      varchar(64)  not null unique,
    created_at    timestamp with time zone not null,
    revoked_at    timestamp with time zone
);
create index api_key_account on api_key (account_id);
