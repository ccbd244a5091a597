/**
 * Fairsend: a consent-first marketing messaging platform. Each sub-package is a Spring Modulith
 * application module; see {@code DESIGN.md}.
 */
package org.fairsend;
