package org.fairsend.calltracking.internal;

import org.fairsend.platform.Codes;

/** The recurring call-tracking reports an account may ask for, stored as the code in {@code ct_report_sent.period}. */
enum ReportPeriod {
    /** Monday to Sunday. */
    WEEKLY,
    /** A calendar month. */
    MONTHLY;

    String code() {
        return Codes.code(this);
    }

    @Override
    public String toString() {
        return code();
    }
}
