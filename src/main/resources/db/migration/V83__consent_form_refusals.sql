-- issue 15: hosted-form submissions refused by the bot checks (honeypot, fill time, rate limits, caps, suppressed
-- addresses), counted per form, reason and policy day for the operator and the account. No address is kept.
create table consent_form_refusal (
    form_id     uuid         not null references consent_form (id),
    account_id  uuid         not null,
    on_day      date         not null,
    reason      varchar(32)  not null,
    refusals    bigint       not null,
    primary key (form_id, on_day, reason)
);
create index consent_form_refusal_day on consent_form_refusal (on_day, account_id);
