-- contacts: the node that runs an import (issue 18). An import whose node is no longer alive (cluster_node) is failed
-- ("interrupted"); the imports of live nodes run on (before, any node that started failed every running import).
-- Null for an import run by a one-off command (fairsend import), which no node watches. Imports still running from
-- before this migration get a node that never lives, so the first check fails them as the start-up did.
alter table contact_import add column node_id varchar(100);
update contact_import set node_id = 'before-issue-18' where status = 'running';
