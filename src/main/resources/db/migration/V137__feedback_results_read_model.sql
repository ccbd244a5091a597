-- feedback's published read models for a campaign's results (issue 20; the results module counts over them, never
-- over feedback's tables). Feedback may change its tables as long as these views keep their columns. No address is
-- published: a person is their recipient_hash (X-5: an erased person's rows keep only the hash).

create view campaign_bounce as
select account_id, campaign_id, channel, message_id, recipient_hash, kind, source, received_at
from bounce where campaign_id is not null;

create view campaign_complaint as
select account_id, campaign_id, channel, message_id, recipient_hash, complaint_kind, received_at
from complaint where campaign_id is not null;

create view campaign_unsubscribe as
select account_id, campaign_id, channel, message_id, recipient_hash, source, received_at
from unsubscribe where campaign_id is not null;

-- opens and clicks with who made them (R-8: classification human or machine, V104); target is a click's destination
create view campaign_engagement as
select account_id, campaign_id, message_id, recipient_hash, event_type, classification, target, occurred_at
from engagement where campaign_id is not null;
