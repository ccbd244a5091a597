-- delivery: which node wrote each send-log row (issue 18, "node identity in the send log"). Several Fairsend nodes
-- share one queue; node_id is the fairsend.cluster.node-id of the process that sent, blocked or failed the message
-- (or received the SMS receipt, or refused the address when the campaign started), so an operator can tell which node
-- put a message on the wire, and a message sent twice after a node died shows both nodes. Rows logged before this
-- migration have none.
alter table send_log add column node_id varchar(100);
