-- feedback: webhook replay cache (issue 13). A provider's one-time value (SNS MessageId, Mailgun token, a signed SMS
-- reply's signature) is claimed once per account; a second call with the same value is acknowledged and does nothing.
-- The unique key makes the claim hold across nodes and restarts; rows outlive the timestamp window, then are purged.
create table webhook_replay (
    integration  varchar(16)  not null,
    replay_key   varchar(64)  not null,   -- SHA-256 hex of the account and the provider's value
    expires_at   timestamp with time zone not null,
    primary key (integration, replay_key)
);
create index webhook_replay_expiry on webhook_replay (expires_at);

-- feedback: the SNS topics an account accepts SES notifications from (issue 13): a genuine SNS message from any other
-- topic (someone else's AWS account subscribing the URL) is refused.
create table sns_topic (
    account_id  uuid          not null references account (id),
    topic_arn   varchar(256)  not null,
    added_at    timestamp with time zone not null,
    primary key (account_id, topic_arn)
);
