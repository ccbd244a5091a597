/**
 * Shared kernel used by every module: errors as RFC 9457 problem+json naming the field and the rule,
 * hashing and identifiers, the clock, and the command-line launcher. Owns no business data.
 */
@org.springframework.modulith.ApplicationModule(displayName = "platform", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.fairsend.platform;
