-- calltracking: tracked numbers (the platform's, R-24), their assignments to accounts, advertising media,
-- redirections (R-23), and the contacts each medium brings: calls, forms, emails (R-22). Caller numbers are
-- stored as the account's setting says (R-25): masked ones never reach this schema with their last 4 digits.

create table ct_number (
    id               uuid primary key,
    e164             varchar(20)  not null unique,
    country          varchar(2)   not null,
    line_type        varchar(24)  not null,
    status           varchar(16)  not null,   -- available, assigned, quarantined, retired
    account_id       uuid,                    -- the current holder while assigned
    quarantine_until timestamp with time zone,
    note             varchar(200),
    imported_at      timestamp with time zone not null,
    retired_at       timestamp with time zone
);
create index ct_number_status on ct_number (status);
create index ct_number_account on ct_number (account_id);

create table ct_medium (
    id            uuid primary key,
    account_id    uuid         not null,
    name          varchar(200) not null,
    type          varchar(24)  not null,
    public_token  varchar(40)  not null unique,   -- the form URL and the inbound email address name it
    created_at    timestamp with time zone not null,
    archived_at   timestamp with time zone
);
create index ct_medium_account on ct_medium (account_id);

-- every assignment of a number to an account, kept for good (R-24); the open one (released_at null) holds the
-- medium and the redirection the account set for the number
create table ct_assignment (
    id               uuid primary key,
    number_id        uuid         not null references ct_number (id),
    account_id       uuid         not null,
    assigned_at      timestamp with time zone not null,
    assigned_by      varchar(100) not null,
    assign_reason    varchar(500),
    released_at      timestamp with time zone,
    released_by      varchar(100),
    release_reason   varchar(500),
    medium_id        uuid references ct_medium (id),
    redirect_to      varchar(20),
    redirect_status  varchar(16)  not null default 'none',   -- none, active, suspended
    suspended_reason varchar(500),
    suspended_at     timestamp with time zone,
    open_number_id   uuid unique   -- the number while the assignment is open, null once released: one open assignment per number
);
create index ct_assignment_number on ct_assignment (number_id, assigned_at);
create index ct_assignment_account on ct_assignment (account_id, released_at);

create table ct_settings (
    account_id     uuid primary key,
    caller_numbers varchar(8)   not null,   -- masked, full
    report_weekly  boolean      not null,
    report_monthly boolean      not null,
    report_email   varchar(320),
    updated_at     timestamp with time zone not null,
    updated_by     varchar(100) not null
);

-- one row per provider call; the webhook's events (started, answered, ended, missed) fill it in, so a
-- repeated event changes nothing (idempotent per provider call id)
create table ct_call (
    id                uuid primary key,
    provider_call_id  varchar(100) not null unique,
    number_id         uuid         not null references ct_number (id),
    assignment_id     uuid references ct_assignment (id),   -- null: a call to an unassigned (quarantined) number
    account_id        uuid,
    medium_id         uuid,
    caller            varchar(24),   -- E.164, or the prefix followed by XXXX when masked (R-25)
    caller_masked     boolean      not null,
    caller_prefix     varchar(20),   -- the caller number without its last 4 digits: statistics use only this
    line_type         varchar(16)  not null,   -- fixed, mobile, voip, other, unknown
    zone              varchar(2),              -- 01..05 when the prefix is French geographic
    departement       varchar(3),              -- when the prefix tells it
    status            varchar(16)  not null,   -- ringing, answered, completed, missed
    started_at        timestamp with time zone not null,
    answered_at       timestamp with time zone,
    ended_at          timestamp with time zone,
    duration_seconds  integer,
    redirected_to     varchar(20),
    callback_done_at  timestamp with time zone,
    updated_at        timestamp with time zone not null
);
create index ct_call_account on ct_call (account_id, started_at);
create index ct_call_medium on ct_call (medium_id, started_at);

create table ct_form_contact (
    id           uuid primary key,
    account_id   uuid         not null,
    medium_id    uuid         not null references ct_medium (id),
    received_at  timestamp with time zone not null,
    fields       text         not null,    -- the submitted fields as JSON, forwarded to the account
    remote       varchar(100),
    forwarded_at timestamp with time zone
);
create index ct_form_medium on ct_form_contact (medium_id, received_at);

create table ct_email_contact (
    id           uuid primary key,
    account_id   uuid         not null,
    medium_id    uuid         not null references ct_medium (id),
    received_at  timestamp with time zone not null,
    mail_from    varchar(320),
    subject      varchar(500),
    size_bytes   integer      not null,
    forwarded_at timestamp with time zone
);
create index ct_email_medium on ct_email_contact (medium_id, received_at);

-- redirections suspended when the account's zone changed (R-23), reported to the account
create table ct_redirection_event (
    id             bigint generated by default as identity primary key,
    assignment_id  uuid         not null references ct_assignment (id),
    account_id     uuid         not null,
    kind           varchar(16)  not null,   -- suspended
    redirect_to    varchar(20)  not null,
    reason         varchar(500) not null,
    at             timestamp with time zone not null,
    reported_at    timestamp with time zone
);

-- recurring reports sent, so each period is mailed once
create table ct_report_sent (
    account_id    uuid        not null,
    period        varchar(8)  not null,   -- weekly, monthly
    period_start  date        not null,
    sent_at       timestamp with time zone not null,
    recipient     varchar(320) not null,
    primary key (account_id, period, period_start)
);
