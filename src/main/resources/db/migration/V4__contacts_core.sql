-- contacts: people an account reaches, their lists, per-channel subscription state and activity (R-8),
-- and imports with declared provenance (R-6) and their per-line rejections.
create table contact (
    id                   uuid primary key,
    account_id           uuid         not null references account (id),
    email                varchar(320),
    phone                varchar(20),           -- E.164
    phone_type           varchar(24),
    first_name           varchar(200),
    last_name            varchar(200),
    attributes           text,                  -- JSON object
    email_status         varchar(16)  not null, -- none, unconfirmed, subscribed, unsubscribed, bounced, complained
    sms_status           varchar(16)  not null,
    voice_status         varchar(16)  not null,
    email_basis          varchar(24),           -- consent basis in force per channel (X-8)
    sms_basis            varchar(24),
    voice_basis          varchar(24),
    customer_since       date,
    relationship         varchar(500),
    contract_active      boolean      not null default false,
    last_open_at         timestamp with time zone,
    last_click_at        timestamp with time zone,
    last_own_contact_at  timestamp with time zone,  -- a click, a form, a reply: not an open (X-8)
    retention_flagged_at timestamp with time zone,
    source               varchar(60),
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    constraint contact_email_unique unique (account_id, email),
    constraint contact_phone_unique unique (account_id, phone)
);
create index contact_account_created on contact (account_id, created_at);

create table contact_list (
    id          uuid primary key,
    account_id  uuid         not null references account (id),
    name        varchar(200) not null,
    description varchar(2000),
    created_at  timestamp with time zone not null,
    constraint contact_list_name_unique unique (account_id, name)
);

create table contact_list_member (
    list_id     uuid not null references contact_list (id),
    contact_id  uuid not null references contact (id) on delete cascade,
    added_at    timestamp with time zone not null,
    primary key (list_id, contact_id)
);
create index contact_list_member_contact on contact_list_member (contact_id);

create table contact_import (
    id                 uuid primary key,
    account_id         uuid          not null references account (id),
    list_id            uuid references contact_list (id),
    format             varchar(8)    not null,
    provenance         varchar(32)   not null,
    provenance_detail  varchar(2000),
    status             varchar(16)   not null,  -- running, finished, failed
    rows_read          bigint        not null default 0,
    rows_accepted      bigint        not null default 0,
    rows_rejected      bigint        not null default 0,
    error              varchar(2000),
    started_at         timestamp with time zone not null,
    finished_at        timestamp with time zone
);
create index contact_import_account on contact_import (account_id, started_at);

create table contact_import_rejection (
    import_id  uuid          not null references contact_import (id),
    line       bigint        not null,
    field      varchar(100),
    reason     varchar(1000) not null,
    primary key (import_id, line)
);
