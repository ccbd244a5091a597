package org.fairsend.delivery;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.tree.Node;
import java.util.List;
import java.util.Map;

/**
 * Jinjava, sandboxed: templates only see maps and strings we bind (no Java objects to call methods on),
 * output and depth are bounded, and a missing variable renders empty at send time while the preflight
 * renders strictly to report it.
 */
public final class Templates {

    private static final JinjavaConfig LENIENT = JinjavaConfig.newBuilder().withFailOnUnknownTokens(false)
            .withMaxOutputSize(2_000_000).withMaxRenderDepth(10).build();
    private static final JinjavaConfig STRICT = JinjavaConfig.newBuilder().withFailOnUnknownTokens(true)
            .withMaxOutputSize(2_000_000).withMaxRenderDepth(10).build();
    private static final Jinjava JINJAVA = new Jinjava(LENIENT);

    private Templates() {}

    /** A parsed template, rendered many times. */
    public static final class Compiled {
        private final String source;
        private final Node tree;

        private Compiled(String source, Node tree) {
            this.source = source;
            this.tree = tree;
        }

        public String render(Map<String, ?> bindings) {
            if (tree == null) return source;
            Context context = new Context(JINJAVA.getGlobalContext(), bindings);
            JinjavaInterpreter interpreter = new JinjavaInterpreter(JINJAVA, context, LENIENT);
            JinjavaInterpreter.pushCurrent(interpreter);
            try {
                return interpreter.render(tree, false);
            } finally {
                JinjavaInterpreter.popCurrent();
            }
        }
    }

    public static Compiled compile(String source) {
        if (source == null) return new Compiled("", null);
        if (!source.contains("{{") && !source.contains("{%") && !source.contains("{#")) return new Compiled(source, null);
        JinjavaInterpreter interpreter = JINJAVA.newInterpreter();
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            return new Compiled(source, interpreter.parse(source));
        } finally {
            JinjavaInterpreter.popCurrent();
        }
    }

    /** The problems of rendering strictly: unknown variables, syntax errors. */
    public static List<String> problems(String source, Map<String, ?> bindings) {
        if (source == null || source.isEmpty()) return List.of();
        RenderResult r = JINJAVA.renderForResult(source, bindings, STRICT);
        return r.getErrors().stream().filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL
                || e.getReason() == TemplateError.ErrorReason.UNKNOWN)
                .map(e -> e.getMessage() + (e.getLineno() > 0 ? " (line " + e.getLineno() + ")" : "")).distinct().toList();
    }
}
