-- campaigns: an SMS campaign's personalised sender (TPOA, R-18); null means the platform's short code.
alter table campaign add column sms_sender varchar(11);
