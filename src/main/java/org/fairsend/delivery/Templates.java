package org.fairsend.delivery;

import java.util.List;
import java.util.Map;
import org.fairsend.delivery.internal.PlainTemplate;
import org.fairsend.delivery.internal.TemplateSandbox;
import org.springframework.stereotype.Component;

/**
 * Personalisation (Jinja syntax) of templates written by accounts, treated as hostile data (issue 13): templates see
 * only the maps and strings we bind, read no file, classpath resource or URL (includes, imports and extends are
 * refused: an account has no saved snippets to include, and refusing is the only way a name can never reach the
 * host), call no Java method, and every render has a budget ({@link TemplateLimits}: time, loop iterations, rendered
 * pieces, output, list size, macro depth, nesting). What the sandbox refuses is a {@link TemplateRefused} naming the
 * field and the rule. A missing variable renders empty at send time; the preflight renders strictly to report it.
 */
@Component
public class Templates {

    private final TemplateSandbox sandbox;

    public Templates(TemplateLimits limits) {
        this.sandbox = new TemplateSandbox(limits);
    }

    /**
     * Parses a template once, to render it many times.
     *
     * @param field the template's part, named by refusals: {@code subject}, {@code preheader}, {@code html}, {@code text}
     * @throws TemplateRefused when it would read another template or is nested beyond the budget
     */
    public Compiled compile(String field, String source) {
        if (source == null) return new Compiled(field, "", null);
        if (!source.contains("{{") && !source.contains("{%") && !source.contains("{#")) return new Compiled(field, source, null);
        return new Compiled(field, source, sandbox.parse(field, source));
    }

    /** A parsed template, rendered many times (a campaign's, for every recipient of its run). */
    public final class Compiled {
        private final String field;
        private final String source;
        private final TemplateSandbox.Parsed parsed;
        /** Text and plain variables only: joined without the interpreter when the values allow (issue 17). */
        private final PlainTemplate plain;
        /** Once refused, refused for every later recipient at once: a bad template does not cost a budget per message. */
        private volatile TemplateRefused refused;

        private Compiled(String field, String source, TemplateSandbox.Parsed parsed) {
            this.field = field;
            this.source = source;
            this.parsed = parsed;
            this.plain = parsed == null ? null : sandbox.plain(parsed);
        }

        /** The text for one recipient; a missing variable renders empty. */
        public String render(Map<String, ?> bindings) {
            if (plain != null) {
                String text = plain.render(bindings);
                if (text != null) return text;
            }
            return run(bindings, false).text();
        }

        /**
         * Renders strictly, as the preflight does: the problems a recipient's render would have (an unknown variable,
         * a malformed expression), for a finding.
         *
         * @throws TemplateRefused when the sandbox refuses the template
         */
        public List<String> problems(Map<String, ?> bindings) {
            return parsed == null ? List.of() : run(bindings, true).problems();
        }

        /**
         * The recipient's fields this template prints with no fallback ({@code {{ contact.first_name }}} without a
         * {@code default} or a condition around it): a recipient who lacks one would get a hole. Names as the contact's
         * bindings spell them ({@code first_name}, an attribute's key), each once, in the order they appear.
         */
        public List<String> contactFieldsWithoutFallback() {
            if (parsed == null) return List.of();
            var fields = new java.util.LinkedHashSet<String>();
            for (var p : sandbox.printedWithoutFallback(parsed)) {
                String path = p.path();
                if (path.startsWith("contact.attributes.")) fields.add(path.substring("contact.attributes.".length()).split("\\.")[0]);
                else if (path.startsWith("contact.") && !path.equals("contact.attributes")) fields.add(path.substring("contact.".length()).split("\\.")[0]);
            }
            return List.copyOf(fields);
        }

        private TemplateSandbox.Output run(Map<String, ?> bindings, boolean strict) {
            if (parsed == null) return new TemplateSandbox.Output(source, List.of());
            TemplateRefused r = refused;
            if (r != null) throw r;
            try {
                return sandbox.render(field, parsed, bindings, strict);
            } catch (TemplateRefused e) {
                refused = e;
                throw e;
            }
        }
    }
}
