package org.fairsend.accounts.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read the management endpoints (metrics, prometheus).
 *
 * @param anonymousOnManagementPort when {@code management.server.port} gives them a port of their own, serve them
 *     there without the operator key (for a scraper that sends no token, on a port kept off the internet); false by
 *     default: the operator key is needed on every port
 */
@ConfigurationProperties("fairsend.management")
record ManagementProperties(boolean anonymousOnManagementPort) {}
