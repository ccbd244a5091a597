-- platform: the node registry (issue 18). One row per Fairsend process that has run against this database: its id
-- (fairsend.cluster.node-id, unique per process by default), where it runs, and its heartbeat, renewed every few
-- seconds. The heartbeat is the node's lease on what it claims (queued messages, SMPP binds): when it is older than
-- fairsend.cluster.node-timeout the other nodes take that work back. Times are the database's. A graceful stop sets
-- stopped_at. Rows of nodes gone for a week are deleted.
create table cluster_node (
    id            varchar(100) primary key,
    host          varchar(255) not null,
    pid           bigint       not null,
    started_at    timestamp with time zone not null,
    heartbeat_at  timestamp with time zone not null,
    stopped_at    timestamp with time zone
);
