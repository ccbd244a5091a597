/**
 * The versioned platform policy: thresholds, caps, windows, retention periods and the sanctions ladder as
 * data an operator edits without a release. Defaults come from docs/RULES.md; every change is a new version with
 * who and why, and decisions record the version they used. The API is {@link org.fairsend.policy.PolicyService} (its
 * implementation and the SQL of {@code policy_version} are in {@code policy.internal}) and the platform's calendar,
 * {@link org.fairsend.policy.PolicyTime}: the policy's time zone and day, the only place a time zone is named.
 */
@org.springframework.modulith.ApplicationModule(displayName = "policy")
package org.fairsend.policy;
