-- contacts: the subscription state and consent basis per channel (R-1, R-8, X-8) become rows of
-- contact_subscription instead of three column sets on contact, so that a new channel needs no change to the
-- contact table. A row exists when there is something to say about the channel: a state other than 'none'
-- or a known consent basis; a missing row reads as state 'none' with no basis. Rows go with their contact:
-- ContactStore deletes them with it. There is no foreign key on purpose: its per-row check (a key-share lock on
-- the contact) made imports, which COPY a million rows, markedly slower; the store is the only writer.
create table contact_subscription (
    contact_id  uuid        not null,
    channel     varchar(16) not null,  -- platform.Channel code: email, sms, voice
    status      varchar(16) not null,  -- none, unconfirmed, subscribed, unsubscribed, bounced, complained
    basis       varchar(24),           -- consent basis in force on the channel (X-8): opt_in, existing_customer, b2b
    primary key (contact_id, channel)
);
-- the primary key (contact_id, channel) is the only index: the audience (AudienceSql) joins one channel's rows
-- to the account's contacts by it, readers load a contact's rows by it, retention tests a basis through it

insert into contact_subscription (contact_id, channel, status, basis)
select id, 'email', email_status, email_basis from contact where email_status <> 'none' or email_basis is not null;
insert into contact_subscription (contact_id, channel, status, basis)
select id, 'sms', sms_status, sms_basis from contact where sms_status <> 'none' or sms_basis is not null;
insert into contact_subscription (contact_id, channel, status, basis)
select id, 'voice', voice_status, voice_basis from contact where voice_status <> 'none' or voice_basis is not null;

-- the published read models (V13) keep their other columns; the per-channel state is its own view
drop view audience_contact;
alter table contact drop column email_status;
alter table contact drop column sms_status;
alter table contact drop column voice_status;
alter table contact drop column email_basis;
alter table contact drop column sms_basis;
alter table contact drop column voice_basis;

create view audience_contact as
select id, account_id, email, phone, phone_type, first_name, last_name, attributes, customer_since, contract_active,
       last_open_at, last_click_at, created_at
from contact;

create view audience_subscription as
select contact_id, channel, status, basis from contact_subscription;
