/**
 * Rules on what a message says: prohibited themes and energy-renovation / home-adaptation canvassing,
 * screened by one engine for email, SMS and voice ({@code internal.Screening}: clear terms block, ambiguous ones
 * decide with their context or are held for review), spam terms, shouting and subject relevance,
 * sender identity, unsubscribe link, why-you-receive-this, marketing content in
 * transactional messages, header injection; SMS: personalised senders (TPOA) approved per account with the
 * protected and generic names refused, GSM 03.38 / UCS-2 encoding and segments ({@link org.fairsend.content.SmsText}).
 *
 * <p>API: {@link org.fairsend.content.ContentReview} returns every {@link org.fairsend.content.Finding} of an
 * email or SMS as written; {@link org.fairsend.content.SmsSenders} the approved SMS senders (rows in {@code sms_sender}, SQL in
 * {@code internal.SmsSenderStore}); {@link org.fairsend.content.AllowedTerms} the terms and names the operator allows
 * per account (rows in {@code content_allowed_term}, SQL in {@code internal.AllowedTermStore}); {@link org.fairsend.content.TextFromHtml} derives a text part from HTML. The lexicons are
 * the {@code content} section of the operator-editable policy (defaults in {@code content/lexicon-default.json}),
 * compiled once per policy version.
 *
 * <p>The platform's own spam filter (seed 002 §2.1.2, rule {@code spam-filter}): {@link org.fairsend.content.SpamFilter}
 * scores a finished message and gives a {@link org.fairsend.content.SpamVerdict} against the policy's
 * {@code spamFilter.threshold}; {@code internal.spamfilter.RspamdSpamFilter} asks Rspamd's HTTP API
 * ({@code fairsend.spam-filter.*}; the daemon is started by {@code ops/rspamd/start}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "content", allowedDependencies = {"policy", "platform", "accounts"})
package org.fairsend.content;
