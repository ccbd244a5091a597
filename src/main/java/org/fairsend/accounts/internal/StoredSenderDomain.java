package org.fairsend.accounts.internal;

import org.fairsend.accounts.SenderDomain;

/** A stored sender domain with the public key material its DNS records are made of (never a private key). */
record StoredSenderDomain(SenderDomain domain, String rsaPublicKey, String edPublicKey) {}
