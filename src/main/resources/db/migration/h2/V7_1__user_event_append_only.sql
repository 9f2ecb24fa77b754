-- The users' lifecycle events are append-only, as the other audited tables (V7 creates the table).

create trigger user_event_append_only before update, delete on user_event for each row call 'cn.jinhua.ducha.store.AppendOnly';
