-- issue 18: the token buckets every node shares, so that N nodes on one database never exceed a configured rate
-- together: the public endpoints' limits, hosted forms' bot limits and the inbound SMTP rates (platform RateLimiter),
-- and the send-side paces (campaign throttle, account rate, destination domain, relay, SMSC, voice provider). Kept by
-- Bucket4j's PostgreSQL proxy manager (SELECT ... FOR UPDATE on the row): id names the bucket and its limit, state is
-- Bucket4j's serialised bucket, expires_at (epoch milliseconds) is when the bucket would be full again plus a margin.
-- A full bucket carries no information, so a row past expires_at is deleted by every node's purge (nothing is ever
-- held for a node: a dead node leaves nothing stuck, and the table does not grow forever). On H2 (one node) the
-- buckets stay in memory and this table stays empty.
create table rate_bucket (
    id         varchar(200) primary key,
    state      bytea,
    expires_at bigint
);
create index rate_bucket_expires on rate_bucket (expires_at);
