/**
 * Fairsend: a consent-first marketing messaging platform. Each sub-package is a Spring Modulith
 * application module; see {@code docs/ARCHITECTURE.md}.
 */
package org.fairsend;
