-- Read models other modules may query in set-based statements (the delivery module's one-statement
-- audience). Each view belongs to the module that owns its table; the owners may change their tables
-- as long as their views keep these columns.

-- contacts: who can be targeted, with their per-channel state and activity (R-1, R-8, X-8)
create view audience_contact as
select id, account_id, email, phone, phone_type, first_name, last_name, attributes, email_status, sms_status, voice_status,
       email_basis, sms_basis, voice_basis, customer_since, contract_active, last_open_at, last_click_at, created_at
from contact;

create view audience_list_member as
select list_id, contact_id from contact_list_member;

-- suppression: readable entries (an erased address is caught by hash at the last-mile gate instead)
create view audience_suppression as
select account_id, channel, address, reason from suppression where address is not null;
