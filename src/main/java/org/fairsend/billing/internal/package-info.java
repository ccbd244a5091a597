/**
 * The billing module's internals: {@code Statements} computes a month's statement from the account and the reputation
 * ledger, {@code StatementFormats} writes it as CSV and printable HTML, {@code BillingController} is the REST API.
 */
package org.fairsend.billing.internal;
