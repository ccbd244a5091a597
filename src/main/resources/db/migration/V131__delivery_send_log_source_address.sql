-- Issue 19: the local address a message left from (the connection's source IP: a dedicated address or a shared one),
-- recorded on its send-log row as evidence; null for other channels and for rows written before.
alter table send_log add column source_address varchar(45);
