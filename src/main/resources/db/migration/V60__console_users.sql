-- console: people who sign in to the web console. An account user (role admin or member) belongs to one
-- account and sees only it; an operator user (role operator) belongs to none. Passwords are bcrypt hashes.
create table console_user (
    id               uuid primary key,
    account_id       uuid,
    email            varchar(320) not null unique,
    display_name     varchar(200) not null,
    role             varchar(16)  not null,
    password_hash    varchar(200) not null,
    created_at       timestamp with time zone not null,
    created_by       varchar(200) not null,
    disabled_at      timestamp with time zone,
    last_sign_in_at  timestamp with time zone,
    constraint console_user_role check (role in ('operator', 'admin', 'member')),
    constraint console_user_scope check ((role = 'operator') = (account_id is null))
);
create index console_user_account on console_user (account_id);
