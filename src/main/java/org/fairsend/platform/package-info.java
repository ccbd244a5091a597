/**
 * Shared kernel used by every module: errors as RFC 9457 problem+json naming the field and the rule,
 * hashing and identifiers, the clock, typed states' lower-case codes on the wire and in the database
 * ({@link org.fairsend.platform.Codes}), and the command-line launcher. Also the platform secret, kept out of the
 * database ({@code FAIRSEND_SECRET}, or the embedded default's owner-only key file), with the signed tokens and the
 * sealed values made from it and their rotation ({@code fairsend secrets}); the rate limiter and the send-side
 * throttles, whose token buckets every node shares on PostgreSQL ({@code rate_bucket}, issue 18); and the web
 * perimeter every request meets first (body caps and rate limits per endpoint class, {@code platform.web}); the words
 * recipients read from the platform in their language ({@code RecipientLanguages}, bundles {@code i18n/recipient*},
 * issue 20). Owns
 * no business data (only {@code platform_setting} and {@code rate_bucket}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "platform", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.fairsend.platform;
