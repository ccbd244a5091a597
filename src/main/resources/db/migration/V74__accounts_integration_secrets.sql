-- accounts: the secrets that authenticate each integration's webhooks (issue 13), per account where the integration
-- is the account's own (ses, mailgun, sendgrid, sms) and platform-wide where it is the operator's provider (voice,
-- calltracking, sms, mailgun). Values are sealed with the platform key (AES-GCM, platform.Secrets): HMACs need the
-- secret itself, so it is kept readable to the platform only. A rotation keeps the replaced secret valid until
-- previous_valid_until (the grace period), then only the current one counts.
create table integration_secret (
    scope                 varchar(36)   not null,   -- 'platform', or the account id
    integration           varchar(16)   not null,   -- ses, mailgun, sendgrid, sms, voice, calltracking
    account_id            uuid          references account (id),
    current_secret        varchar(4000) not null,   -- sealed
    previous_secret       varchar(8000),            -- sealed; one or more secrets, one per line
    previous_valid_until  timestamp with time zone,
    rotated_at            timestamp with time zone not null,
    rotated_by            varchar(320)  not null,
    primary key (scope, integration)
);
