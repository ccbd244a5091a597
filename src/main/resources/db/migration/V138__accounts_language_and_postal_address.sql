-- issue 20: an account's default language for what its recipients read (a BCP-47 primary tag of a supported bundle,
-- null: English), and its postal address, named with its legal name in the footer of every marketing email
-- (R-9; LCEN art. 19 and 20, CPCE L.34-5; docs/RULES.md "sender-identity"). Required to start a marketing email
-- campaign (the preflight blocks one without it); null for accounts opened before.
alter table account add column language varchar(8);
alter table account add column postal_address varchar(500);

-- a partner's own account (V132) carries the partner's registered address: its rentals leave under its identity
update account set postal_address = (select p.address from partner p where p.account_id = account.id)
    where postal_address is null and exists (select 1 from partner p where p.account_id = account.id);

-- accounts opened before in a French-speaking country (i18n/country-languages.properties) give their recipients French
update account set language = 'fr' where language is null and country in ('FR', 'MC', 'LU', 'BE', 'CH');
