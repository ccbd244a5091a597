package org.fairsend.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problem+json written by servlet filters, which answer before Spring MVC and its {@link ProblemHandler}. */
public final class FilterProblems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FilterProblems() {}

    /**
     * Writes the problem with its {@code Content-Length}: a client still sending a body the server will not read can
     * then take the whole answer before the connection closes.
     */
    public static void write(HttpServletResponse res, int status, String title, String detail, String field, String rule)
            throws IOException {
        byte[] body = json(status, title, detail, field, rule);
        res.setStatus(status);
        res.setContentType("application/problem+json");
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
        res.flushBuffer();
    }

    static byte[] json(int status, String title, String detail, String field, String rule) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", ProblemHandler.RULE_TYPE.toString());
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("errors", List.of(Map.of("field", field, "rule", rule, "message", detail)));
        return JSON.writeValueAsBytes(body);
    }
}
