-- The alerting tables are append-only too (shedlock is not: it holds the scheduler's locks).

create trigger alert_case_append_only before update or delete on alert_case for each row execute function ducha_append_only();
create trigger alert_case_no_truncate before truncate on alert_case for each statement execute function ducha_append_only();
create trigger alert_event_append_only before update or delete on alert_event for each row execute function ducha_append_only();
create trigger alert_event_no_truncate before truncate on alert_event for each statement execute function ducha_append_only();
create trigger waiver_append_only before update or delete on waiver for each row execute function ducha_append_only();
create trigger waiver_no_truncate before truncate on waiver for each statement execute function ducha_append_only();
create trigger webhook_append_only before update or delete on webhook for each row execute function ducha_append_only();
create trigger webhook_no_truncate before truncate on webhook for each statement execute function ducha_append_only();
create trigger delivery_append_only before update or delete on delivery for each row execute function ducha_append_only();
create trigger delivery_no_truncate before truncate on delivery for each statement execute function ducha_append_only();
create trigger delivery_attempt_append_only before update or delete on delivery_attempt for each row execute function ducha_append_only();
create trigger delivery_attempt_no_truncate before truncate on delivery_attempt for each statement execute function ducha_append_only();
create trigger verdict_waiver_append_only before update or delete on verdict_waiver for each row execute function ducha_append_only();
create trigger verdict_waiver_no_truncate before truncate on verdict_waiver for each statement execute function ducha_append_only();
create trigger reminder_append_only before update or delete on reminder for each row execute function ducha_append_only();
