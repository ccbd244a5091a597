/**
 * The reputation module's internals: the live tallies and their flush, the circuit breaker, the sanctions ladder,
 * the account-day breaker that pauses an account's marketing on a channel ({@code AccountBreaker}, R-14), the notices,
 * the reconciliation with the send log and feedback records, and the REST API. SQL lives in {@code ReputationStore}
 * (incidents, ledger, audit, stored series), {@code TallyStore} (the counter rows) and {@code AccountPauseStore}
 * (the marketing pauses).
 */
package org.fairsend.reputation.internal;
