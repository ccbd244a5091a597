-- R-11, seed 002 §1.3 (issue 19): an account in a regulated activity applies, per theme, for a personalised account
-- (the authority, the licence number and its expiry, documents); the operator approves with a reason and an end date
-- (never after the licence's expiry), or rejects; an approval lifts the R-11 refusal of that theme for that account
-- until its end date, after which the theme is refused again; the operator may revoke it. One row per application,
-- its state as a code: pending, approved, rejected, expired, revoked, superseded.
create table regulated_application (
    id                  uuid primary key,
    account_id          uuid          not null references account (id),
    theme               varchar(64)   not null,  -- an R-11 category id the policy marks regulated
    authority           varchar(200)  not null,
    licence_number      varchar(100)  not null,
    licence_expires_on  date          not null,
    note                varchar(2000),
    state               varchar(16)   not null,
    submitted_by        varchar(200)  not null,
    submitted_at        timestamp with time zone not null,
    decided_by          varchar(200),
    decided_at          timestamp with time zone,
    decision_reason     varchar(2000),
    approved_until      date,                    -- the last day the approval holds (at most licence_expires_on)
    ended_by            varchar(200),            -- expired (system), revoked or superseded
    ended_at            timestamp with time zone,
    end_reason          varchar(2000),
    warned_at           timestamp with time zone, -- the expiry warning went out (once per approval)
    warning_error       varchar(2000)
);
create index regulated_application_account on regulated_application (account_id, submitted_at);
create index regulated_application_state on regulated_application (state, approved_until);

-- The documents of an application (the licence, the authority's registration): PDF, PNG or JPEG as sniffed from the
-- bytes, kept in the database; served only as an attachment.
create table regulated_document (
    id              uuid primary key,
    application_id  uuid          not null references regulated_application (id),
    account_id      uuid          not null references account (id),
    file_name       varchar(200)  not null,
    content_type    varchar(100)  not null,
    size_bytes      integer       not null,
    sha256          varchar(64)   not null,
    content         bytea         not null,
    uploaded_by     varchar(200)  not null,
    uploaded_at     timestamp with time zone not null
);
create index regulated_document_application on regulated_document (application_id);

-- Every step of an application, by whom (the account, the operator, the system), when and why: shown to both sides.
create table regulated_application_event (
    id              uuid primary key,
    application_id  uuid          not null references regulated_application (id),
    account_id      uuid          not null references account (id),
    at              timestamp with time zone not null,
    actor           varchar(200)  not null,
    action          varchar(32)   not null,  -- submitted, document-added, approved, rejected, revoked, expired, superseded, warned, migrated
    state           varchar(16)   not null,  -- the state after the step
    detail          varchar(2000)
);
create index regulated_application_event_app on regulated_application_event (application_id, at);

-- The coarse approval it replaces (account.approved_categories and account.regulated, V1 and V14): each theme an
-- operator approved before is carried over as an approval recorded "before issue 19", without a licence on file,
-- holding 90 days from the upgrade; the account is warned 30 days before its end and applies with its licence.
insert into regulated_application (id, account_id, theme, authority, licence_number, licence_expires_on, note, state,
        submitted_by, submitted_at, decided_by, decided_at, decision_reason, approved_until)
with recursive parts (account_id, item, rest) as (
    select id, cast(null as varchar(1000)), cast(approved_categories || ',' as varchar(1000))
    from account where approved_categories is not null and approved_categories <> ''
    union all
    select account_id, cast(trim(substring(rest from 1 for position(',' in rest) - 1)) as varchar(1000)),
           cast(substring(rest from position(',' in rest) + 1) as varchar(1000))
    from parts where rest <> ''
)
select gen_random_uuid(), account_id, item, 'not recorded (approved before issue 19)', 'not recorded', current_date + 90,
       'carried over from the operator''s earlier approval of the theme', 'approved', 'system:migration', current_timestamp,
       'system:migration', current_timestamp, 'approved by the operator before licences were recorded; apply with the licence before the end date',
       current_date + 90
from parts where item is not null and item <> '';

insert into regulated_application_event (id, application_id, account_id, at, actor, action, state, detail)
select gen_random_uuid(), id, account_id, current_timestamp, 'system:migration', 'migrated', 'approved', decision_reason
from regulated_application where submitted_by = 'system:migration';

-- the coarse columns are no longer read: the approvals in force decide (accounts.RegulatedAccounts)
update account set approved_categories = null, regulated = false where approved_categories is not null or regulated;
