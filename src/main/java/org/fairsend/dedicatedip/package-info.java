/**
 * Dedicated sending IPs (issue 19): an account's request for an address of its own (expected monthly volume, its
 * verified sender domains, a note), the operator's pool of addresses and the workflow over it (assign, reject, release,
 * each with who, when and why, shown to both sides), and the warm-up plan of an assigned address: a daily cap per
 * mailbox provider from the policy ({@code dedicatedIp}, {@link org.fairsend.policy.DedicatedIpPolicy}), counted in the
 * database so that every node shares the count, the overflow leaving through the platform's shared addresses.
 *
 * <p>The email transport asks {@link org.fairsend.dedicatedip.SourceRouting} at send time which source address a
 * message leaves from. Owns {@code dedicated_ip}, {@code dedicated_ip_request}, {@code dedicated_ip_event},
 * {@code dedicated_ip_usage} (V130).
 */
@org.springframework.modulith.ApplicationModule(displayName = "dedicatedip")
package org.fairsend.dedicatedip;
