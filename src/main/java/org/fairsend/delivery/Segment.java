package org.fairsend.delivery;

import java.util.List;

/**
 * A simple segment: conditions on contact fields and activity, all of which ({@code match = all}) or any
 * of which ({@code match = any}) must hold.
 *
 * <p>Fields: {@code first_name}, {@code last_name}, {@code email_domain}, {@code phone_type},
 * {@code created_at}, {@code last_open_at}, {@code last_click_at}, {@code customer_since},
 * {@code contract_active}, and {@code attributes.<name>} (PostgreSQL only). Operators: {@code eq},
 * {@code neq}, {@code contains}, {@code is_set}, {@code not_set}, {@code within_days},
 * {@code not_within_days}.
 */
public record Segment(String match, List<Condition> conditions) {

    public record Condition(String field, String op, String value) {}

    public boolean isEmpty() {
        return conditions == null || conditions.isEmpty();
    }
}
