-- delivery: SMPP bind leases (issue 18, "one SMPP bind per SMSC per cluster"). An SMSC accepts a limited number of
-- binds per account (fairsend.sms.smscs[n].cluster-sessions); each bind any node holds takes one numbered slot here
-- first. A slot is held on its node's heartbeat (cluster_node, V115): a slot whose node is dead or stopped is free
-- again, a node releases its slot when it unbinds. No row: the slot was never taken or was released.
create table smpp_bind_lease (
    smsc        varchar(200) not null,
    slot        integer      not null,
    node_id     varchar(100) not null,
    leased_at   timestamp with time zone not null,
    primary key (smsc, slot)
);
