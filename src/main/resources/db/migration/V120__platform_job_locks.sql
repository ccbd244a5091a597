-- platform: the job locks (issue 18, "jobs run once"). ShedLock's table: one row per job that must run once across
-- the cluster (campaigns.start-due, contacts.retention, ...; docs/ARCHITECTURE.md lists them). A node runs the job only
-- while it holds the row: lock_until in the future and locked_by its node id. Times are the database's, written by
-- ShedLock as UTC wall-clock time (timezone('utc', current_timestamp)) on PostgreSQL, hence columns without a time zone.
-- GET /api/operator/cluster shows the rows.
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
