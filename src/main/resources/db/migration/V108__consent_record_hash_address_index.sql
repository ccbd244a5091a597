-- issue 17: every consent record appended paid for a b-tree on (account_id, address_hash), whose keys (a 64-character
-- hex MAC) arrive in random order: 86 MB for 600,000 records, so an import of a million rows (two million records)
-- outgrew PostgreSQL's buffers and each insert touched a page from disk. Every query on it asks for one address (or a
-- handful) by equality, which a hash index answers: a quarter of the size, and a sixth of the insert cost measured
-- (600,000 records: 4.5 s of index upkeep in the b-tree, 0.7 s in the hash). The account filter is applied on the rows
-- found (an address's records, a few).
drop index consent_record_address;
create index consent_record_address on consent_record using hash (address_hash);

-- The reference from a record to its account is checked once per chain, not per row: a record is only appended under
-- the lock of the account's chain head (consent_chain_head, whose account_id references account), and accounts are
-- never deleted. The per-row check cost a key-share lock on the account row per record (1.5 s per 900,000 in the
-- import's profile). H2 names its constraints otherwise: there it stays, harmless.
alter table consent_record drop constraint if exists consent_record_account_id_fkey;
