-- platform (issue 15): the key of the keyed hashes under which an address or number is kept once it must not be
-- readable (suppressions after erasure, send-log and feedback look-ups, the consent chain). A random key made once,
-- stored sealed under the platform secret (so a copy of the database alone cannot test guesses against the hashes,
-- and a rotation of the secret re-seals it without changing one hash).
create table platform_pseudonym_key (
    id          smallint     primary key check (id = 1),
    sealed_key  varchar(200) not null,
    created_at  timestamp with time zone not null
);
