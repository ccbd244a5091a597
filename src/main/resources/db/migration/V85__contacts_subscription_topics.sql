-- contacts (issue 15, X-8): a consent basis restricted to some subjects (existing customer: similar products;
-- B2B: the person's job) reaches only the campaigns whose topic its record covers. The subscription row keeps
-- the record's topic keys ("a,b", consent.Topics), kept in step with the ledger like the basis; null for an
-- opt-in (not restricted) or an older row (which then covers no topic).
alter table contact_subscription add column topics varchar(1400);

drop view audience_subscription;
create view audience_subscription as
select contact_id, channel, status, basis, topics from contact_subscription;
