-- accounts: the R-11 regulated categories the operator approved for an account (comma-separated codes).
alter table account add column approved_categories varchar(1000);
