package org.fairsend.campaigns;

import java.util.List;
import java.util.UUID;
import org.fairsend.content.Finding;
import org.fairsend.delivery.AudienceReport;

/**
 * Every finding about a campaign, each with its rule, severity, location and fix; the audience by class;
 * and the policy version the report used. A campaign with a blocking finding cannot start.
 */
public record PreflightReport(UUID campaignId, boolean canStart, List<Finding> findings, AudienceReport audience,
        int policyVersion) {}
