package org.fairsend.campaigns;

import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.RegulatedAccounts;
import org.fairsend.content.Finding;
import org.fairsend.delivery.AudienceReport;

/**
 * Every finding about a campaign, each with its rule, severity, location and fix; the audience by class;
 * and the policy version the report used. A campaign with a blocking finding cannot start. {@code approvals} are the
 * regulated-account approvals in force that the campaign relies on (R-11, issue 19: a regulated theme its content
 * touches, allowed by the approval of the account's licence: which one, the authority, the licence, the end date).
 */
public record PreflightReport(UUID campaignId, boolean canStart, List<Finding> findings, AudienceReport audience,
        int policyVersion, List<RegulatedAccounts.Approval> approvals) {

    public PreflightReport {
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
    }

    public PreflightReport(UUID campaignId, boolean canStart, List<Finding> findings, AudienceReport audience, int policyVersion) {
        this(campaignId, canStart, findings, audience, policyVersion, List.of());
    }

    /** The approvals as one line for an audit trail ("forex: approval ..., AMF licence X until 2027-06-30"). */
    public String approvalsLine() {
        String line = String.join("; ", approvals.stream().map(a -> a.theme() + ": approval " + a.applicationId() + ", " + a.authority()
                + " licence " + a.licenceNumber() + " until " + a.approvedUntil()).toList());
        return line.length() > 1500 ? line.substring(0, 1500) + "..." : line;
    }
}
