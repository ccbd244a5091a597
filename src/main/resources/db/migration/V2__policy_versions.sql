-- policy: every version of the operator-editable policy document (thresholds, windows, caps, lexicons).
create table policy_version (
    version     integer primary key,
    document    text         not null,
    created_by  varchar(200) not null,
    reason      varchar(2000) not null,
    created_at  timestamp with time zone not null
);
