-- accounts: sender domains with their DKIM keys (R-9, X-2), the last DNS check per record, and dedicated
-- source addresses (IP pools) per account.
create table sender_domain (
    id                   uuid primary key,
    account_id           uuid          not null references account (id),
    domain               varchar(253)  not null,
    status               varchar(16)   not null,
    rsa_selector         varchar(63)   not null,
    rsa_public_key       varchar(1000) not null,
    rsa_private_key      varchar(4000) not null,
    ed_selector          varchar(63),
    ed_public_key        varchar(200),
    ed_private_key       varchar(400),
    verified_at          timestamp with time zone,
    verified_by          varchar(200),
    verification_reason  varchar(2000),
    last_checked_at      timestamp with time zone,
    created_at           timestamp with time zone not null,
    constraint sender_domain_once_per_account unique (account_id, domain)
);
-- who else claims a domain (one account cannot take a domain another has verified)
create index sender_domain_by_domain on sender_domain (domain);

create table sender_domain_check (
    sender_domain_id  uuid          not null references sender_domain (id) on delete cascade,
    record            varchar(32)   not null,
    dns_name          varchar(300)  not null,
    status            varchar(16)   not null,
    expected          varchar(2000),
    found             varchar(4000),
    detail            varchar(2000),
    checked_at        timestamp with time zone not null,
    primary key (sender_domain_id, record)
);

create table account_source_address (
    account_id  uuid         not null references account (id),
    address     varchar(45)  not null,
    sort_order  integer      not null,
    primary key (account_id, address)
);
