/**
 * Server-rendered console pages for accounts and the operator; each module owns its REST API, the console only renders.
 * Owns its users and their sign-in: bcrypt passwords, lockouts per user and address, per user and per address, and
 * sessions that end at their next request once the user is disabled, changes password elsewhere, or the account is
 * terminated. Owns the labels, help and bounds of the operator's structured policy editor
 * ({@code console/policy-fields.json}; the values and their checks stay the policy module's).
 */
@org.springframework.modulith.ApplicationModule(displayName = "console")
package org.fairsend.console;
