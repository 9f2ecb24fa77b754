-- 替换理由 / Why a sheet was replaced by someone other than its unit (issue 14): a city supervisor superseding a
-- county's sheet records the reason with the revision; the audit chain covers it (AuditChain.content, only when set,
-- so that entries written before this column verify as they did).
alter table submission add column reason varchar(500);
