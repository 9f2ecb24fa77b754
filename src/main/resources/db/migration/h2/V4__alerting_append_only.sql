-- The alerting tables are append-only too (shedlock is not: it holds the scheduler's locks).

create trigger alert_case_append_only before update, delete on alert_case for each row call 'cn.jinhua.ducha.store.AppendOnly';
create trigger alert_event_append_only before update, delete on alert_event for each row call 'cn.jinhua.ducha.store.AppendOnly';
create trigger waiver_append_only before update, delete on waiver for each row call 'cn.jinhua.ducha.store.AppendOnly';
create trigger webhook_append_only before update, delete on webhook for each row call 'cn.jinhua.ducha.store.AppendOnly';
create trigger delivery_append_only before update, delete on delivery for each row call 'cn.jinhua.ducha.store.AppendOnly';
create trigger delivery_attempt_append_only before update, delete on delivery_attempt for each row call 'cn.jinhua.ducha.store.AppendOnly';
create trigger verdict_waiver_append_only before update, delete on verdict_waiver for each row call 'cn.jinhua.ducha.store.AppendOnly';
create trigger reminder_append_only before update, delete on reminder for each row call 'cn.jinhua.ducha.store.AppendOnly';
