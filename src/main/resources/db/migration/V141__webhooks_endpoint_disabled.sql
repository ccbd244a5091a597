-- Issue 20: an account can disable an outbound webhook endpoint (and enable it again) without deleting it. A disabled
-- endpoint receives no new deliveries; its pending ones wait until it is enabled again.

alter table webhook_endpoint add column disabled_at timestamp with time zone;
alter table webhook_endpoint add column disabled_by varchar(200);
