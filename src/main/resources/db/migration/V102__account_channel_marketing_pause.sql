-- R-14 at the account level: the account's marketing on a channel can be paused while the channel stays active for
-- transactional mail (R-1); the preflight refuses to start a marketing campaign on a paused channel.
alter table account_channel add column marketing_paused_at timestamp with time zone;
alter table account_channel add column marketing_pause_reason varchar(2000);
