-- issue 18: the console's sign-in throttle, shared by every node, so that a lockout earned on one node holds on the
-- others (and survives a restart). One row per counter: a user from one address, a user from any address, an address
-- for any users. key_hash is the SHA-256 of the counter's key (no address or user name is stored); failures counts the
-- failures since the counter last started afresh; locked_until is the end of its lockout, if any. A row whose last
-- failure is older than the longest lockout counts for nothing and is purged (the purge reads last_failure).
create table console_sign_in_failure (
    key_hash     varchar(64) primary key,
    failures     integer     not null,
    locked_until timestamp with time zone,
    last_failure timestamp with time zone not null
);
create index console_sign_in_failure_last on console_sign_in_failure (last_failure);
