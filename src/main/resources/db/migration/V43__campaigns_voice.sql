-- campaigns (voice): recorded messages (WAV or MP3, duration read at upload, kept with their transcript),
-- and each voice campaign's recording and caller number (a declared caller number of the account, or null
-- for the platform's own).
create table voice_message (
    id               uuid primary key,
    account_id       uuid          not null references account (id),
    name             varchar(200)  not null,
    format           varchar(8)    not null,  -- wav, mp3
    duration_millis  bigint        not null,
    sample_rate      integer       not null,
    channels         integer       not null,
    size_bytes       bigint        not null,
    sha256           varchar(64)   not null,
    transcript       text          not null,
    audio            bytea         not null,
    created_by       varchar(200)  not null,
    created_at       timestamp with time zone not null
);
create index voice_message_account on voice_message (account_id, created_at);

create table campaign_voice (
    campaign_id       uuid primary key references campaign (id),
    voice_message_id  uuid references voice_message (id),
    caller_number_id  uuid,
    updated_at        timestamp with time zone not null
);
