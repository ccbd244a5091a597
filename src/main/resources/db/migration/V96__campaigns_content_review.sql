-- R-11 (issue 16): a campaign whose preflight has a finding of severity "review" waits for the operator. One row per
-- request: what was reviewed (the content's hash, the findings as they were), who asked for what (start now, or
-- schedule at a time), and the operator's decision with who, when and why. A campaign has at most one pending request.
create table content_review (
    id              uuid primary key,
    account_id      uuid          not null references account (id),
    campaign_id     uuid          not null references campaign (id),
    channel         varchar(8)    not null,
    content_hash    varchar(64)   not null,  -- SHA-256 (hex) of the reviewed content: an approval holds for it alone
    findings        text          not null,  -- JSON: the preflight's findings when the review was asked
    request         varchar(16)   not null,  -- start, schedule
    scheduled_for   timestamp with time zone,
    requested_by    varchar(200)  not null,
    requested_at    timestamp with time zone not null,
    state           varchar(16)   not null,  -- pending, approved, refused, withdrawn
    decided_by      varchar(200),
    decided_at      timestamp with time zone,
    reason          varchar(2000),
    notified_at     timestamp with time zone, -- the account's mail about the decision went out
    notice_error    varchar(2000),
    -- the campaign while the request is pending, null once decided or withdrawn: at most one pending request per
    -- campaign (a unique constraint ignores nulls; no partial index, so the embedded database runs it too)
    pending_campaign uuid
);
create index content_review_state on content_review (state, requested_at);
create index content_review_campaign on content_review (campaign_id, requested_at);
create index content_review_account on content_review (account_id, requested_at);
create unique index content_review_one_pending on content_review (pending_campaign);
