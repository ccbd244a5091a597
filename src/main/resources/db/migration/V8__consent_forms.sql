-- consent: look-ups of the hosted forms and double opt-in confirmations.
create index consent_form_account on consent_form (account_id, created_at);
create index consent_record_refers on consent_record (account_id, refers_to);
