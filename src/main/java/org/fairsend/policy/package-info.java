/**
 * The versioned platform policy: thresholds, caps, windows, retention periods and the sanctions ladder as
 * data an operator edits without a release. Defaults come from docs/RULES.md; every change is a new version with
 * who and why, and decisions record the version they used.
 */
@org.springframework.modulith.ApplicationModule(displayName = "policy")
package org.fairsend.policy;
