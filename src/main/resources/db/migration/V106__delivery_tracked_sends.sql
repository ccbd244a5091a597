-- R-8 (issue 16): whether a run's messages could show a person's open (a marketing email with the open pixel: HTML
-- and open tracking on). Only such deliveries count toward a contact's inactivity; text-only mail and mail with
-- tracking off leave its engagement unknown.
alter table delivery_run add column trackable boolean default false not null;
update delivery_run set trackable = true
 where channel = 'email' and kind = 'marketing' and template like '%"trackOpens":true%' and template not like '%"html":null%'
   and template not like '%"html":""%';

-- published read model (contacts' hygiene report reads it): every tracked message that left, per contact
create view tracked_delivery as
select o.account_id, o.contact_id, o.finished_at
from outbound_message o join delivery_run r on r.campaign_id = o.campaign_id
where o.status = 'sent' and r.trackable = true and o.contact_id is not null;
