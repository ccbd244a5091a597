-- platform: Spring Modulith's event publication registry (the outbox: every cross-module event is a row
-- until its listener completes, so a crash loses none), and platform settings such as the signing secret.
create table event_publication (
    id                     uuid           not null primary key,
    listener_id            varchar(512)   not null,
    event_type             varchar(512)   not null,
    serialized_event       varchar(16000) not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 varchar(20),
    completion_attempts    integer,
    last_resubmission_date timestamp with time zone
);
create index event_publication_by_completion_date on event_publication (completion_date);
create index event_publication_by_listener on event_publication (listener_id);

create table platform_setting (
    name        varchar(100) primary key,
    setting_value varchar(4000) not null,
    created_at  timestamp with time zone not null
);
