-- console (issue 13): a console session follows revocation. Every change that must end a user's sessions
-- (disabled, password changed) raises session_version; a session remembers the version it signed in with and
-- ends at its next request when the row says otherwise (checked on every request, so it holds on every node).
alter table console_user add column session_version integer default 0 not null;
