package org.fairsend.delivery;

import java.util.HashMap;
import java.util.Map;
import org.fairsend.contacts.Contact;

/**
 * What a template sees of a contact as {@code contact}: its attributes, then its own fields
 * ({@code first_name}, {@code last_name}, {@code email}, {@code phone}, {@code customer_since}), plain
 * strings and maps only (the sandbox).
 */
public final class RecipientBindings {

    private RecipientBindings() {}

    public static Map<String, Object> of(Contact c) {
        Map<String, Object> m = new HashMap<>();
        if (c == null) return m;
        if (c.attributes() != null) m.putAll(c.attributes());
        putIf(m, "first_name", c.firstName());
        putIf(m, "last_name", c.lastName());
        putIf(m, "email", c.email());
        putIf(m, "phone", c.phone());
        if (c.customerSince() != null) m.put("customer_since", c.customerSince().toString());
        m.put("attributes", c.attributes() == null ? Map.of() : c.attributes());
        return m;
    }

    private static void putIf(Map<String, Object> m, String k, Object v) {
        if (v != null) m.put(k, v);
    }
}
