/**
 * The contact directory: contacts (email normalised, mobile numbers in E.164 with their type), their
 * attributes, lists and list membership, the subscription state and consent basis per channel, activity
 * (last open, last click, last own contact, last machine open: ), the engagement state per contact on email
 * ({@link org.fairsend.contacts.EngagementState}: engaged, unknown, inactive; the hygiene report and the re-permission
 * list, {@link org.fairsend.contacts.ContactHygiene}), imports with declared provenance and
 * their per-line rejections, GDPR export and erasure, and the retention of prospects' data.
 * Implements the consent module's {@link org.fairsend.consent.ConsentSubjects} port and contributes the
 * "contact" section of evidence packs.
 */
@org.springframework.modulith.ApplicationModule(displayName = "contacts")
package org.fairsend.contacts;
