-- campaigns (issue 15, X-8): what a marketing campaign is about, as one topic key (consent.Topics). Recipients
-- whose consent basis is restricted to some subjects (existing customer, B2B) receive it only when their record
-- covers that key; opt-in recipients are not restricted by it.
alter table campaign add column topic varchar(64);
