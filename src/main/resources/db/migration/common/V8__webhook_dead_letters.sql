-- Where each webhook delivery stands, beside the append-only outbox (delivery, delivery_attempt) that stays the
-- history: how many attempts it has had, when it is next due, and whether it was delivered or given up as a dead
-- letter (after Webhooks.MAX_ATTEMPTS attempts). The sender reads only the pending rows that are due, through the
-- index; unlike the outbox these rows change with each attempt, so they are not append-only (as shedlock is not).

create table delivery_state (
    delivery_id     varchar(40) primary key references delivery (id),
    attempts        int         not null,
    next_attempt_at timestamp with time zone not null,
    delivered       boolean     not null,
    dead            boolean     not null,
    dead_at         timestamp with time zone
);

create index delivery_state_pending on delivery_state (delivered, dead, next_attempt_at);

-- Deliveries made before: delivered when an attempt answered 2xx; the others are due at once, and those that have
-- already had 30 attempts are dead letters.
insert into delivery_state (delivery_id, attempts, next_attempt_at, delivered, dead, dead_at)
select d.id, h.attempts, coalesce(h.last_at, d.created_at), h.successes > 0,
       h.successes = 0 and h.attempts >= 30,
       case when h.successes = 0 and h.attempts >= 30 then h.last_at end
from delivery d
join (select d2.id,
             (select count(*) from delivery_attempt a where a.delivery_id = d2.id) as attempts,
             (select max(a.at) from delivery_attempt a where a.delivery_id = d2.id) as last_at,
             (select count(*) from delivery_attempt a where a.delivery_id = d2.id
                 and a.status between 200 and 299) as successes
      from delivery d2) h on h.id = d.id;
