-- consent (issue 15, R-4): the chain becomes keyed (HMAC under the install's pseudonym key). The records written before
-- were chained with unkeyed SHA-256 over the address hash of that time; the platform re-keys address_hash when it makes
-- the key, so the address hash the old content hashes were computed over is kept here until the ledger has checked
-- the old chain and re-chained the account (then it is cleared: it is an unkeyed hash of the address).
alter table consent_record add column legacy_address_hash varchar(64);
update consent_record set legacy_address_hash = address_hash;
-- 1: the account's records are still chained the old way; 2: keyed (every head created from now on)
alter table consent_chain_head add column chain_version smallint default 1 not null;

-- one row per account re-chained under the key: what `consent verify` reports about the upgrade
create table consent_chain_upgrade (
    account_id          uuid          primary key references account (id),
    upgraded_at         timestamp with time zone not null,
    records             bigint        not null,
    old_chain_intact    boolean       not null,
    old_broken_seq      bigint,
    old_problem         varchar(500),
    erasures_recorded   bigint        not null
);
