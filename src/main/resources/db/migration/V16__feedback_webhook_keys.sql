-- feedback: each account's verification keys for provider webhooks (X-3): SendGrid signs its event webhook with
-- an ECDSA key of the account's SendGrid account; its public key is kept here, per account and provider.
create table webhook_key (
    account_id  uuid          not null,
    provider    varchar(16)   not null,   -- sendgrid
    public_key  varchar(2000) not null,   -- base64 DER (SubjectPublicKeyInfo), as SendGrid shows it
    updated_at  timestamp with time zone not null,
    primary key (account_id, provider)
);
