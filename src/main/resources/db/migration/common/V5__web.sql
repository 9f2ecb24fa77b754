-- The web application's users and the answers it keeps for Idempotency-Key retries. Unlike the evaluation
-- tables these change (a password is reset, a user disabled), so they are not append-only and not part of
-- the audit chain's content.

create table app_user (
    username      varchar(100) primary key,
    password_hash varchar(200) not null,
    role          varchar(20)  not null,
    unit          varchar(40),
    enabled       boolean      not null,
    created_by    varchar(200) not null,
    created_at    timestamp with time zone not null,
    constraint app_user_role check (role in ('COUNTY', 'CITY', 'AUDITOR', 'ADMIN'))
);

-- One row per (user, key): the first request's body hash and the answer it got, replayed to retries.
create table idempotency_key (
    username        varchar(100) not null,
    idem_key        varchar(200) not null,
    request_sha256  char(64)     not null,
    response_status int          not null,
    response_body   varchar      not null,
    created_at      timestamp with time zone not null,
    primary key (username, idem_key)
);
