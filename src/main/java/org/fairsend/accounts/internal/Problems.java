package org.fairsend.accounts.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** problem+json written directly by security filters, which run before the MVC error handling. */
final class Problems {

    private Problems() {}

    static void write(HttpServletResponse res, int status, String title, String detail, String field, String rule)
            throws IOException {
        res.setStatus(status);
        res.setContentType("application/problem+json");
        res.getWriter().write("{\"type\":\"https://fairsend.org/problems/rule-violation\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"errors\":[{\"field\":\"" + field
                + "\",\"rule\":\"" + rule + "\",\"message\":\"" + detail + "\"}]}");
    }
}
