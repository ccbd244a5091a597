/**
 * The reputation module's internals: the live tallies and their flush, the circuit breaker, the sanctions ladder,
 * the notices, the reconciliation with the send log and feedback records, and the REST API. SQL lives in
 * {@code ReputationStore} (incidents, ledger, audit, stored series) and {@code TallyStore} (the counter rows).
 */
package org.fairsend.reputation.internal;
