-- R-8 (issue 16): the last open a machine made for the contact (a privacy proxy's prefetch, a gateway's image fetch):
-- with no person's signal in the hygiene window, the contact's engagement is unknown, never inactive.
alter table contact add column last_machine_open_at timestamp with time zone;

drop view audience_contact;
create view audience_contact as
select id, account_id, email, phone, phone_type, first_name, last_name, attributes, customer_since, contract_active,
       last_open_at, last_click_at, last_machine_open_at, created_at
from contact;
