-- Re-queued dead letters are append-only, as the other audited tables (V11 creates the table).

create trigger delivery_requeue_append_only before update, delete on delivery_requeue for each row call 'cn.jinhua.ducha.store.AppendOnly';
