-- R-8 (issue 16): every open and click says who made it, a person or a machine (a prefetching privacy proxy, a
-- link scanner, a HEAD request...), as feedback.internal.EngagementFilter judged it from feedback/machine-signals.json
-- and the policy's hygiene timing; flag keeps the signal that decided (google-image-proxy on a person's open too).
alter table engagement add column classification varchar(8);
update engagement set classification = case when counted then 'human' else 'machine' end;
alter table engagement alter column classification set not null;
