-- issue 20: the language a contact reads (a BCP-47 primary tag of a supported bundle); null: the account's default
alter table contact add column language varchar(8);
