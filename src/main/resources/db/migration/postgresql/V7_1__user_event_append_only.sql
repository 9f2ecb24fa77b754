-- The users' lifecycle events are append-only, as the other audited tables (V7 creates the table).

create trigger user_event_append_only before update or delete on user_event for each row execute function ducha_append_only();
create trigger user_event_no_truncate before truncate on user_event for each statement execute function ducha_append_only();
