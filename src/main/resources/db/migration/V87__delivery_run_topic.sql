-- delivery (issue 15, X-8): the campaign's topic travels with its run, so the last-mile gate blocks a message
-- whose recipient's consent basis does not cover it (reason subject-not-covered).
alter table delivery_run add column topic varchar(64);
