package org.fairsend.platform;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Typed states on the wire and in the database: an enum constant's code is its name in lower case (as
 * {@link Channel#code()}), and reading a code that is not one of the enum's answers a 400 naming the field and
 * the codes it accepts. Enums use it as {@code @JsonValue code()} and {@code static of(String)}.
 */
public final class Codes {

    private Codes() {}

    /** The lower-case code of a constant. */
    public static String code(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** The constant of that code (any case, surrounding spaces ignored); a {@link RuleViolation} (400) on {@code field} otherwise. */
    public static <E extends Enum<E>> E of(Class<E> type, String code, String field) {
        if (code != null) {
            String name = code.trim().toUpperCase(Locale.ROOT);
            for (E e : type.getEnumConstants()) if (e.name().equals(name)) return e;
        }
        throw new RuleViolation(400, field, field, field + " must be one of "
                + Arrays.stream(type.getEnumConstants()).map(Codes::code).collect(Collectors.joining(", ")));
    }
}
