package org.fairsend.delivery.internal;

import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TextNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import com.hubspot.jinjava.tree.parse.TextToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.fairsend.delivery.TemplateLimits;

/**
 * The shape most campaign templates have: text and plain variables ({@code Bonjour {{ contact.first_name }},}), and
 * nothing else: no tag, no filter, no call, no whitespace control. Such a template is rendered by joining its texts
 * and the strings its variables name, which is what the interpreter would print, at a fraction of its cost (issue 17:
 * the interpreter was a quarter of a campaign's CPU).
 *
 * <p>Only the certain cases are joined here: every name along a variable's path is a key of a dictionary the render
 * was given, and the value at its end is a string. Anything else (a missing key, a number, a list, a value over the
 * budget) returns null from {@link #render}, and the caller lets the sandboxed interpreter render it, so the two can
 * never differ. The budget ({@link TemplateLimits}) holds: the pieces are counted once at compile time, the output
 * and the data read are bounded before anything is built.
 */
public final class PlainTemplate {

    private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*");

    /** Names the expression language reads as literals or operators, never as variables. */
    private static final Set<String> RESERVED = Set.of("true", "false", "none", "null", "True", "False", "None", "and", "or", "not",
            "in", "is", "if", "else", "empty", "div", "mod", "eq", "ne", "lt", "gt", "le", "ge", "instanceof");

    private final String[] texts;
    private final String[][] paths;
    private final int textLength;
    private final TemplateLimits limits;

    private PlainTemplate(String[] texts, String[][] paths, TemplateLimits limits) {
        this.texts = texts;
        this.paths = paths;
        this.limits = limits;
        int n = 0;
        for (String t : texts) n += t.length();
        this.textLength = n;
    }

    /** The plain form of a parsed template, or null when it uses anything beyond text and plain variables. */
    static PlainTemplate of(TemplateSandbox.Parsed parsed, TemplateLimits limits) {
        if (!parsed.problems().isEmpty()) return null;
        List<Node> nodes = parsed.tree().getChildren();
        if (nodes.size() > limits.maxNodes()) return null;
        List<String> texts = new ArrayList<>();
        List<String[]> paths = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Node node : nodes) {
            if (!node.getChildren().isEmpty()) return null;
            if (node instanceof TextNode && node.getMaster() instanceof TextToken t) {
                text.append(t.output());
            } else if (node instanceof ExpressionNode && node.getMaster() instanceof ExpressionToken e) {
                if (e.isLeftTrim() || e.isRightTrim() || e.isRightTrimAfterEnd()) return null;
                String expr = e.getExpr() == null ? "" : e.getExpr().strip();
                if (!PATH.matcher(expr).matches()) return null;
                String[] path = expr.split("\\.");
                for (String name : path) if (RESERVED.contains(name)) return null;
                texts.add(text.toString());
                text.setLength(0);
                paths.add(path);
            } else {
                return null;
            }
        }
        texts.add(text.toString());
        return new PlainTemplate(texts.toArray(String[]::new), paths.toArray(String[][]::new), limits);
    }

    /** The template for these bindings, or null when the interpreter has to render it (see the class comment). */
    public String render(Map<String, ?> bindings) {
        String[] values = new String[paths.length];
        long length = textLength;
        for (int i = 0; i < paths.length; i++) {
            Object v = bindings;
            for (String name : paths[i]) {
                if (!(v instanceof Map<?, ?> m) || !m.containsKey(name)) return null;
                v = m.get(name);
            }
            if (!(v instanceof String s)) return null;
            if (s.length() > limits.maxOutputChars()) return null;
            values[i] = s;
            length += s.length();
        }
        if (length > limits.maxOutputChars() || length > limits.maxDataChars()) return null;
        StringBuilder out = new StringBuilder((int) length);
        for (int i = 0; i < paths.length; i++) out.append(texts[i]).append(values[i]);
        return out.append(texts[paths.length]).toString();
    }
}
