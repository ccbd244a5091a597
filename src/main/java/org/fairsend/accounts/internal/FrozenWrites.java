package org.fairsend.accounts.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.regex.Pattern;
import org.fairsend.accounts.AccountFreezes;

/**
 * Which API calls a frozen account may no longer make (issue 19, seed 002 §1.5): every write (POST, PUT, PATCH, DELETE)
 * of its own API, answered 403 problem+json with the rule {@code frozen} and the operator's reason. Reads and exports
 * (GET: contacts, evidence packs, send log and CSV exports) go on, and so do the writes that only protect people and
 * compute nothing that leaves: adding a suppression, withdrawing a consent, erasing a contact, and the previews
 * and checks that store nothing ({@code /api/sms/preview}, {@code /api/sms/encoding}, {@code /api/caller-numbers/check}).
 * Operator keys (also when acting for the account) are never refused here.
 */
final class FrozenWrites {

    /** The rule a refusal names. */
    static final String RULE = "frozen";

    private record Allowed(String method, Pattern path) {}

    private static final List<Allowed> ALLOWED = List.of(
            new Allowed("POST", Pattern.compile("/api/suppressions/?")),
            new Allowed("POST", Pattern.compile("/api/consents/withdraw/?")),
            new Allowed("DELETE", Pattern.compile("/api/contacts/[^/]+/?")),
            new Allowed("DELETE", Pattern.compile("/api/contacts/?")),
            new Allowed("POST", Pattern.compile("/api/sms/preview/?")),
            new Allowed("POST", Pattern.compile("/api/sms/encoding/?")),
            new Allowed("POST", Pattern.compile("/api/caller-numbers/check/?")));

    private FrozenWrites() {}

    /** Whether this request writes something a frozen account may not (reads never do). */
    static boolean refused(HttpServletRequest req) {
        String method = req.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || method.equals("TRACE")) return false;
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (!path.startsWith("/api/") || path.startsWith("/api/operator/")) return false;
        for (Allowed a : ALLOWED) if (a.method().equals(method) && a.path().matcher(path).matches()) return false;
        return true;
    }

    static String detail(AccountFreezes.Freeze f) {
        return "the account is frozen by the operator since " + f.frozenAt() + ": " + f.reason() + ". Nothing is sent and writes are"
                + " refused until the operator lifts the freeze; reads and exports (contacts, evidence packs, send log) still work.";
    }
}
