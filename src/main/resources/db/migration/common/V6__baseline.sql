-- Contract v2: a REACH_BY verdict carries its baseline B (基期值). Kept beside the verdict for the API and the
-- dashboard; the audit chain hashes the verdict's explanation and trace, which already state B and where it came
-- from, so the chain's columns stay as they were (AuditChain lists them explicitly).
alter table verdict add column baseline varchar(60);
