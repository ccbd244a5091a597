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
        res.setCharacterEncoding("UTF-8");
        res.getWriter().write("{\"type\":\"https://fairsend.org/problems/rule-violation\",\"title\":\"" + json(title)
                + "\",\"status\":" + status + ",\"detail\":\"" + json(detail) + "\",\"errors\":[{\"field\":\"" + json(field)
                + "\",\"rule\":\"" + json(rule) + "\",\"message\":\"" + json(detail) + "\"}]}");
    }

    /** A JSON string's content: the detail may quote an operator's reason (issue 19), so nothing is written raw. */
    static String json(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }
}
