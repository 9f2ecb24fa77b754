-- H2 refuses every UPDATE and DELETE on the store's tables through a Java trigger: they are append-only.

create trigger audit_lock_append_only before update, delete on audit_lock for each row call 'cn.jinhua.ducha.store.AppendOnly';
create trigger audit_entry_append_only before update, delete on audit_entry for each row call 'cn.jinhua.ducha.store.AppendOnly';
create trigger submission_append_only before update, delete on submission for each row call 'cn.jinhua.ducha.store.AppendOnly';
create trigger refusal_append_only before update, delete on refusal for each row call 'cn.jinhua.ducha.store.AppendOnly';
create trigger ruleset_append_only before update, delete on ruleset for each row call 'cn.jinhua.ducha.store.AppendOnly';
create trigger run_append_only before update, delete on run for each row call 'cn.jinhua.ducha.store.AppendOnly';
create trigger run_revision_append_only before update, delete on run_revision for each row call 'cn.jinhua.ducha.store.AppendOnly';
create trigger verdict_append_only before update, delete on verdict for each row call 'cn.jinhua.ducha.store.AppendOnly';
create trigger alert_append_only before update, delete on alert for each row call 'cn.jinhua.ducha.store.AppendOnly';
