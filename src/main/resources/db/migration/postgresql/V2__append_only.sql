-- PostgreSQL refuses every UPDATE, DELETE and TRUNCATE on the store's tables: they are append-only.
create function ducha_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'Ducha keeps % append-only: % refused', TG_TABLE_NAME, TG_OP;
end
$$;

create trigger audit_lock_append_only before update or delete on audit_lock for each row execute function ducha_append_only();
create trigger audit_lock_no_truncate before truncate on audit_lock for each statement execute function ducha_append_only();
create trigger audit_entry_append_only before update or delete on audit_entry for each row execute function ducha_append_only();
create trigger audit_entry_no_truncate before truncate on audit_entry for each statement execute function ducha_append_only();
create trigger submission_append_only before update or delete on submission for each row execute function ducha_append_only();
create trigger submission_no_truncate before truncate on submission for each statement execute function ducha_append_only();
create trigger refusal_append_only before update or delete on refusal for each row execute function ducha_append_only();
create trigger refusal_no_truncate before truncate on refusal for each statement execute function ducha_append_only();
create trigger ruleset_append_only before update or delete on ruleset for each row execute function ducha_append_only();
create trigger ruleset_no_truncate before truncate on ruleset for each statement execute function ducha_append_only();
create trigger run_append_only before update or delete on run for each row execute function ducha_append_only();
create trigger run_no_truncate before truncate on run for each statement execute function ducha_append_only();
create trigger run_revision_append_only before update or delete on run_revision for each row execute function ducha_append_only();
create trigger run_revision_no_truncate before truncate on run_revision for each statement execute function ducha_append_only();
create trigger verdict_append_only before update or delete on verdict for each row execute function ducha_append_only();
create trigger verdict_no_truncate before truncate on verdict for each statement execute function ducha_append_only();
create trigger alert_append_only before update or delete on alert for each row execute function ducha_append_only();
create trigger alert_no_truncate before truncate on alert for each statement execute function ducha_append_only();
