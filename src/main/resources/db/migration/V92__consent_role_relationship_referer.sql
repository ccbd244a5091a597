-- consent (issue 15, X-8, X-5): a B2B record keeps the person's role; an existing-customer record the date of the
-- purchase or contract. The form's Referer (its query string may identify the person) moves to the erasable part.
alter table consent_record add column role varchar(200);
alter table consent_record add column relationship_since date;
alter table consent_personal add column referer varchar(2000);
