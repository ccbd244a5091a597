-- issue 15, coming back: a suppression entry is never deleted; new explicit consent lifts an unsubscribe (and an
-- operator, with a reason, a complaint or a bounce) by stamping who lifted it, when and why. A lifted entry stays in
-- the history (the evidence pack, the account's list) and no longer stops anything.
alter table suppression add column lifted_at timestamp with time zone;
alter table suppression add column lifted_by varchar(200);
alter table suppression add column lift_reason varchar(2000);

-- the published read model (V13) shows the entries in force only; same columns
create or replace view audience_suppression as
select account_id, channel, address, reason from suppression where address is not null and lifted_at is null;
