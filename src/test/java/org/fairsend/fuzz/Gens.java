package org.fairsend.fuzz;

import java.util.Arrays;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The generators of the fuzz properties (QuickTheories {@link Gen}s, which shrink): sizes biased towards the small
 * and the edges (empty, the maximum), text from plain ASCII to any UTF-16 unit (lone surrogates, noncharacters,
 * controls), byte arrays, lists, picks.
 */
public final class Gens {

    private Gens() {}

    /** A size in [min, max]: mostly small, often the edges, sometimes anything in between. */
    public static Gen<Integer> size(int min, int max) {
        return Generate.frequency(
                Pair.of(4, Generate.range(min, Math.min(max, min + 10))),
                Pair.of(3, Generate.range(min, max)),
                Pair.of(1, Generate.pick(List.of(min, max))));
    }

    /** An int in [min, max], with the given edge cases one time in four. */
    public static Gen<Integer> ints(int min, int max, Integer... edges) {
        Gen<Integer> any = Generate.range(min, max);
        return edges.length == 0 ? any : Generate.frequency(Pair.of(3, any), Pair.of(1, Generate.pick(List.of(edges))));
    }

    /** Arbitrary bytes, up to {@code max} of them. */
    public static Gen<byte[]> bytes(int max) {
        return Generate.byteArrays(size(0, max), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
                .describedAs(b -> b.length + " bytes " + Arrays.toString(Arrays.copyOf(b, Math.min(b.length, 200))));
    }

    /** Text of up to {@code max} UTF-16 units taken from {@code chars}. */
    public static Gen<String> strings(String chars, int max) {
        List<Character> pool = chars.chars().mapToObj(c -> (char) c).toList();
        return SourceDSL.lists().of(Generate.pick(pool)).ofSizes(size(0, max)).map(Gens::join);
    }

    /** Text of up to {@code max} UTF-16 units from [{@code from}, {@code to}]. */
    public static Gen<String> strings(char from, char to, int max) {
        return SourceDSL.lists().of(Generate.characters(from, to)).ofSizes(size(0, max)).map(Gens::join);
    }

    /**
     * Any text of up to {@code max} UTF-16 units: printable ASCII, controls, Latin-1, the whole BMP (lone surrogates
     * and noncharacters included) and supplementary characters, mixed within one string.
     */
    public static Gen<String> strings(int max) {
        Gen<String> unit = Generate.frequency(
                Pair.of(4, Generate.characters(' ', '~').map((Character c) -> String.valueOf(c.charValue()))),
                Pair.of(1, Generate.characters('\u0000', '\u001f').map((Character c) -> String.valueOf(c.charValue()))),
                Pair.of(2, Generate.characters('\u0080', '\u00ff').map((Character c) -> String.valueOf(c.charValue()))),
                Pair.of(2, Generate.characters('\u0100', '\uffff').map((Character c) -> String.valueOf(c.charValue()))),
                Pair.of(1, Generate.range(0x10000, Character.MAX_CODE_POINT).map((Integer c) -> Character.toString(c.intValue()))));
        return SourceDSL.lists().of(unit).ofSizes(size(0, max)).map(l -> {
            String s = String.join("", l);
            return s.length() > max ? s.substring(0, max) : s;
        });
    }

    /** One of the values. */
    @SafeVarargs
    public static <T> Gen<T> of(T... values) {
        return Generate.pick(List.of(values));
    }

    /** One of the generators, each as likely. */
    @SafeVarargs
    public static <T> Gen<T> oneOf(Gen<T> first, Gen<T>... others) {
        return Generate.oneOf(first, others);
    }

    /** Lists of {@code min} to {@code max} values. */
    public static <T> Gen<List<T>> lists(Gen<T> values, int min, int max) {
        return SourceDSL.lists().of(values).ofSizes(size(min, max));
    }

    static String join(List<Character> chars) {
        StringBuilder b = new StringBuilder(chars.size());
        chars.forEach(b::append);
        return b.toString();
    }
}
