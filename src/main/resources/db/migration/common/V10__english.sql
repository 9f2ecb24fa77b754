-- English beside Chinese (issue 17): a verdict's explanation and an alert's message are rendered in both languages
-- from the same message keys when a run is recorded, and the API and the dashboard show the one the user chose.
-- Null in rows written before: they read in Chinese. The audit chain covers these columns only when set
-- (AuditChain), so that entries written before verify as they did.
alter table verdict add column explanation_en varchar;
alter table alert add column message_en varchar;
alter table alert_event add column message_en varchar(4000);
