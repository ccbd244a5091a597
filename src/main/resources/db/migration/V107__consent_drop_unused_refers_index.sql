-- issue 17: no query looks consent records up by refers_to (a confirmation is checked through the address's records,
-- on consent_record_address), yet every record appended paid for this index: an import of a million rows (two million
-- records) maintained two million entries nobody read. The column stays; only the index goes.
drop index consent_record_refers;
