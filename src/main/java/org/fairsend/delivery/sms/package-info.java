/**
 * The SMS channel's renderer and SMPP transport: personalisation and the opt-out mention, GSM 03.38 or
 * UCS-2 segments, submit_sm over one or more SMSC sessions with a window and a throughput cap, delivery
 * receipts and mobile-originated messages (handed on as {@link org.fairsend.delivery.InboundSmsReceived}), and the
 * cluster-wide count of binds per SMSC (issue 18: bind slots in {@code smpp_bind_lease}, leased on the node heartbeat).
 */
package org.fairsend.delivery.sms;
