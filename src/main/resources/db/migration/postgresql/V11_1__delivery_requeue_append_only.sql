-- Re-queued dead letters are append-only, as the other audited tables (V11 creates the table).

create trigger delivery_requeue_append_only before update or delete on delivery_requeue for each row execute function ducha_append_only();
create trigger delivery_requeue_no_truncate before truncate on delivery_requeue for each statement execute function ducha_append_only();
