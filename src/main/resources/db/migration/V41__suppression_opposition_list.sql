-- suppression: the national opposition list to telephone canvassing (Bloctel), imported by the operator,
-- kept as SHA-256 of each number in E.164 (never the number). An import replaces the list (or adds to it);
-- every import is kept with its counts. Numbers on it get no voice drop unless the contact has a contract
-- in progress with the account (X-7).
create table opposition_import (
    id              uuid primary key,
    source          varchar(200) not null,
    mode            varchar(8)   not null,  -- replace, add
    status          varchar(12)  not null,  -- finished, failed
    lines_read      bigint       not null default 0,
    numbers_stored  bigint       not null default 0,
    lines_rejected  bigint       not null default 0,
    first_rejections varchar(4000),
    imported_by     varchar(200) not null,
    started_at      timestamp with time zone not null,
    finished_at     timestamp with time zone
);

-- the numbers each import brought (its rows are deleted when a later import replaces the list)
create table opposition_number (
    number_hash  varchar(64) not null,  -- lower-case hex SHA-256 of the E.164 number
    import_id    uuid        not null
);
create index opposition_number_import on opposition_number (import_id);

-- the list in force, one row per number, rebuilt at the end of every import: audiences join it directly
-- (a distinct over the imports' rows at every audience query cost seconds for a million numbers)
create table opposition_set (
    number_hash  varchar(64) primary key
);

-- read model for the delivery module's one-statement audience (V13's convention)
create view audience_opposition as
select number_hash from opposition_set;
