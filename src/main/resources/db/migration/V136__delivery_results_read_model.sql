-- delivery's published read models for a campaign's results (issue 20; the results module counts over them, never
-- over delivery's tables). Delivery may change outbound_message and voice_callback as long as these views keep
-- their columns.

-- every message of a campaign: its queue status (sent = accepted by the next hop: the receiving SMTP server, the
-- SMSC, the voice provider), the network's delivery receipt for an SMS (delivered, expired, undeliverable,
-- rejected) and when it left
create view campaign_message as
select id as message_id, account_id, campaign_id, channel, status, receipt_status, receipt_at, finished_at
from outbound_message
where campaign_id is not null;

-- what the voice provider reported of each drop of a campaign (accepted callbacks only): delivered (left on the
-- voicemail), no_voicemail, failed, opted_out (the person pressed the opt-out key)
create view campaign_voice_outcome as
select o.account_id, o.campaign_id, c.message_id, c.status, c.received_at
from voice_callback c join outbound_message o on o.id = c.message_id
where c.accepted = true and o.campaign_id is not null;

-- the time series counts the campaign's sent messages by the hour they left
create index outbound_message_campaign_finished on outbound_message (campaign_id, status, finished_at);
