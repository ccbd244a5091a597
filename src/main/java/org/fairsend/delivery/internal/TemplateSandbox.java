package org.fairsend.delivery.internal;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.JinjavaProcessors;
import com.hubspot.jinjava.el.TypeConvertingMapELResolver;
import com.hubspot.jinjava.el.ext.JinjavaBeanELResolver;
import com.hubspot.jinjava.el.ext.JinjavaListELResolver;
import com.hubspot.jinjava.interpret.CollectionTooBigException;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.DisabledException;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.OutputTooBigException;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.interpret.errorcategory.BasicTemplateErrorCategory;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.loader.ResourceLocator;
import com.hubspot.jinjava.objects.collections.PyList;
import com.hubspot.jinjava.objects.collections.PyMap;
import com.hubspot.jinjava.objects.date.PyishDate;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import com.hubspot.jinjava.tree.parse.TagToken;
import com.hubspot.jinjava.util.ForLoop;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.AbstractCollection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jinjava.javax.el.ArrayELResolver;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELContext;
import org.fairsend.delivery.TemplateLimits;
import org.fairsend.delivery.TemplateRefused;
import org.fairsend.delivery.TemplateRefused.Rule;

/**
 * Jinjava as a sandbox for templates written by accounts (issue 13; docs/ARCHITECTURE.md, "Trust boundaries": an
 * account template is hostile data, it may change only its own rendering, within a budget, and reads no file or URL).
 * <ul>
 * <li>Nothing reaches the host: the include, import, from and extends tags are not registered and the resource locator
 * refuses every name (no file, classpath resource or URL is ever opened); output is never re-interpreted as a template
 * (nested interpretation off, no {@code render} filter), so a contact's data stays data.</li>
 * <li>Only personalisation: filters, functions and tags are an allow-list (the rest is disabled); no Java method can be
 * called except the Python-style ones of Jinjava's own lists, dictionaries, loops and dates, and no Java bean property
 * is read except a loop's, a date's and a dictionary entry's ({@code contact.getClass()} is refused).</li>
 * <li>A budget per render ({@link TemplateLimits}, kept by {@link RenderBudget}): wall-clock time and rendered pieces
 * checked before every node, loop iterations counted by the {@code for} tag, the weight of every value the render
 * reads or a filter takes and returns (a list holding one long string many times weighs what printing it would cost),
 * Jinjava's own output, list and range limits and macro recursion depth, and the nesting of tags and brackets checked
 * when the template is compiled.</li>
 * </ul>
 * Everything refused is a {@link TemplateRefused} naming the field, the rule and the reason in words.
 */
public final class TemplateSandbox {

    /** Tags of personalisation: variables, conditions, loops, macros. Not include, import, from, extends. */
    static final Set<String> TAGS = Set.of("autoescape", "endautoescape", "block", "endblock", "break", "continue", "call",
            "endcall", "cycle", "do", "enddo", "if", "elif", "else", "endif", "ifchanged", "endifchanged", "for", "endfor",
            "macro", "endmacro", "print", "raw", "endraw", "set", "endset", "unless", "endunless");

    /** The tags that read another template: from a file, the classpath or a URL, whatever the locator is. */
    static final Set<String> READING_TAGS = Set.of("include", "import", "from", "extends");

    /**
     * Filters whose work is bounded by the sizes of their inputs. Left out: {@code render} (data becomes code),
     * {@code pprint} (dumps Java objects), {@code regex_replace} (a pattern can backtrack for ever), {@code fromyaml} and
     * {@code toyaml}, and those whose arguments multiply the output ({@code center}, {@code indent}, {@code format},
     * {@code wordwrap}, {@code batch}, {@code urlize}). {@code replace} is kept, its output size checked beforehand.
     */
    static final Set<String> FILTERS = Set.of("abs", "add", "attr", "b64decode", "b64encode", "between_times", "bool",
            "capitalize", "count", "cut", "d", "date", "datetimeformat", "default", "dictsort", "difference", "divide",
            "divisible", "e", "escape", "escape_jinjava", "escapejs", "escapejson", "filesizeformat", "first", "float",
            "forceescape", "format_date", "format_datetime", "format_number", "format_time", "fromjson", "groupby", "int",
            "intersect", "join", "last", "length", "list", "log", "lower", "map", "md5", "minus_time", "multiply",
            "plus_time", "random", "reject", "rejectattr", "replace", "reverse", "root", "round", "safe", "select",
            "selectattr", "shuffle", "slice", "sort", "split", "string", "striptags", "strtodate", "strtotime", "sum",
            "symmetric_difference", "title", "tojson", "trim", "truncate", "truncatehtml", "unescape_html", "union",
            "unique", "unixtimestamp", "upper", "urldecode", "urlencode", "wordcount", "xmlattr");

    /**
     * Functions (Jinjava names them {@code namespace:name}). The others are either filters too (datetimeformat, truncate...:
     * filters have their input and output weighed), or reach outside personalisation ({@code super}: extends;
     * {@code type}: Java types).
     */
    static final Set<String> FUNCTIONS = Set.of(":namespace", ":range", ":today", ":unixtimestamp");

    /** Python-style methods of Jinjava's own objects; every other method call is refused. */
    private static final Set<String> LIST_METHODS = Set.of("append", "extend", "insert", "pop", "index", "count", "reverse",
            "copy", "remove", "clear");
    private static final Set<String> DICT_METHODS = Set.of("items", "keys", "values", "get", "update");
    private static final Set<String> DATE_METHODS = Set.of("strftime", "isoformat");

    /** The name Jinjava's expression language gives its interpreter; written in a template it would reach it. */
    private static final String INTERPRETER = "____int3rpr3t3r____";

    private final TemplateLimits limits;
    private final Map<Context.Library, Set<String>> disabled;
    private final Context root;
    private final Jinjava jinjava;
    private final JinjavaConfig lenient;
    private final JinjavaConfig strict;

    public TemplateSandbox(TemplateLimits limits) {
        this.limits = limits;
        this.disabled = disabledOutsideAllowLists();
        this.root = new Context(null, null, disabled);
        root.registerTag(new GuardedForTag());
        for (Filter f : List.copyOf(root.getAllFilters())) root.registerFilter(new RenderBudget.WeighedFilter(f));
        this.lenient = config(limits, false);
        this.strict = config(limits, true);
        Context sandboxRoot = root;
        this.jinjava = new Jinjava(lenient) {
            // the expression language takes its functions from here: the allow-listed ones only
            @Override
            public Context getGlobalContext() {
                return sandboxRoot;
            }
        };
        jinjava.setResourceLocator(new RefusingLocator());
    }

    private static JinjavaConfig config(TemplateLimits limits, boolean failOnUnknownTokens) {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new ArrayELResolver(true));
        resolver.add(new JinjavaListELResolver(true));
        resolver.add(new TypeConvertingMapELResolver(true));
        resolver.add(new SandboxBeanResolver());
        return JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(failOnUnknownTokens)
                .withNestedInterpretationEnabled(false)
                .withElResolver(resolver)
                .withMaxOutputSize(limits.maxOutputChars())
                .withMaxStringLength(limits.maxOutputChars())
                .withMaxListSize(limits.maxListSize())
                .withMaxMapSize(limits.maxListSize())
                .withRangeLimit(limits.rangeLimit())
                .withEnableRecursiveMacroCalls(true)
                .withMaxMacroRecursionDepth(limits.maxMacroDepth())
                .withObjectUnwrapper(new RenderBudget.WeighingUnwrapper())
                .withProcessors(JinjavaProcessors.newBuilder().withNodePreProcessor((node, interpreter) -> {
                    if (RenderBudget.CURRENT.isBound()) RenderBudget.CURRENT.get().node();
                }).build())
                .build();
    }

    /** What Jinjava registers by default minus the allow-lists: new Jinjava features stay off until allowed here. */
    private static Map<Context.Library, Set<String>> disabledOutsideAllowLists() {
        Context defaults = new Context();
        Map<Context.Library, Set<String>> off = new HashMap<>();
        off.put(Context.Library.TAG, outside(defaults.getAllTags().stream().map(Tag::getName), TAGS));
        off.put(Context.Library.FILTER, outside(defaults.getAllFilters().stream().map(Filter::getName), FILTERS));
        off.put(Context.Library.FUNCTION, outside(defaults.getAllFunctions().stream().map(ELFunctionDefinition::getName), FUNCTIONS));
        off.put(Context.Library.EXP_TEST, Set.of());
        return Map.copyOf(off);
    }

    private static Set<String> outside(java.util.stream.Stream<String> names, Set<String> allowed) {
        return names.filter(n -> !allowed.contains(n)).collect(Collectors.toUnmodifiableSet());
    }

    /** The text-and-variables form of a parsed template, rendered without the interpreter; null when it has more. */
    public PlainTemplate plain(Parsed parsed) {
        return PlainTemplate.of(parsed, limits);
    }

    /** A parsed template and the problems its parsing found (an unknown or unclosed tag...), for strict renders. */
    public record Parsed(Node tree, List<String> problems) {}

    /** A variable path printed as it is ({@code {{ contact.first_name }}}), with the line it is on. */
    public record Printed(String path, int line) {}

    private static final java.util.regex.Pattern PRINTED_PATH =
            java.util.regex.Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)\\s*(\\|.*)?$", java.util.regex.Pattern.DOTALL);
    private static final java.util.regex.Pattern DEFAULT_FILTER = java.util.regex.Pattern.compile("\\|\\s*(default|d)\\b");

    /**
     * The variables a template prints without a fallback (issue 20): an output {@code {{ path }}} (filters allowed)
     * with no {@code default} filter and not inside an {@code if} whose condition names the same path. For such a
     * variable, a recipient who lacks it gets a hole ("Bonjour , ..."); a default, or a condition around it, is the
     * author's way of saying what that recipient gets instead.
     */
    public List<Printed> printedWithoutFallback(Parsed parsed) {
        List<Printed> out = new ArrayList<>();
        walk(parsed.tree(), new ArrayDeque<>(), out);
        return out;
    }

    private static void walk(Node node, Deque<String> conditions, List<Printed> out) {
        boolean pushed = false;
        if (node instanceof TagNode t && ("if".equals(t.getName()) || "elif".equals(t.getName()) || "unless".equals(t.getName()))) {
            conditions.push(t.getHelpers() == null ? "" : t.getHelpers());
            pushed = true;
        }
        if (node.getMaster() instanceof ExpressionToken e) {
            var m = PRINTED_PATH.matcher(e.getExpr());
            if (m.matches() && (m.group(2) == null || !DEFAULT_FILTER.matcher(m.group(2)).find())) {
                String path = m.group(1);
                boolean guarded = conditions.stream().anyMatch(c -> java.util.regex.Pattern
                        .compile("(?<![A-Za-z0-9_.])" + java.util.regex.Pattern.quote(path) + "(?![A-Za-z0-9_])").matcher(c).find());
                if (!guarded) out.add(new Printed(path, node.getLineNumber()));
            }
        }
        for (Node child : node.getChildren()) walk(child, conditions, out);
        if (pushed) conditions.pop();
    }

    /**
     * Parses a template, refusing what no render may do: reading another template, naming the interpreter, tags or
     * brackets nested deeper than the budget.
     */
    public Parsed parse(String field, String source) {
        if (source.contains(INTERPRETER)) throw new TemplateRefused(field, Rule.FEATURE, "'" + INTERPRETER + "' is not available in templates");
        JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, new Context(root, null, disabled), lenient);
        JinjavaInterpreter.pushCurrent(interpreter);
        Node tree;
        try {
            tree = interpreter.parse(source);
        } catch (StackOverflowError e) {
            throw tooDeep(field);
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        for (TemplateError error : interpreter.getErrors()) {
            TemplateRefused refused = refusal(field, error);
            if (refused != null) throw refused;
        }
        if (nesting(tree) > limits.maxNesting()) {
            throw new TemplateRefused(field, Rule.BUDGET, "tags or brackets are nested more than " + limits.maxNesting() + " levels deep");
        }
        return new Parsed(tree, problems(interpreter.getErrors()));
    }

    /** What one render produced, and (strict renders) its problems: unknown variables, malformed expressions. */
    public record Output(String text, List<String> problems) {}

    /**
     * Renders within the budget. Lenient: a missing variable renders empty. Strict: the first unknown variable stops
     * the render and is a problem. Either way a refusal is thrown, never a partial message.
     */
    public Output render(String field, Parsed parsed, Map<String, ?> bindings, boolean failOnUnknown) {
        Node tree = parsed.tree();
        RenderBudget guard = new RenderBudget(field, limits);
        JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, new Context(root, bindings, disabled),
                failOnUnknown ? strict : lenient);
        String text = null;
        RuntimeException failure = null;
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            text = ScopedValue.where(RenderBudget.CURRENT, guard).call(() -> interpreter.render(tree, false));
        } catch (StackOverflowError e) {
            guard.record(tooDeep(field));
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        if (guard.refusal() != null) throw guard.refusal();
        List<TemplateError> errors = new ArrayList<>(interpreter.getErrors());
        for (TemplateError error : errors) {
            TemplateRefused refused = refusal(field, error);
            if (refused != null) throw refused;
        }
        if (failure != null) {
            TemplateRefused refused = refusal(field, failure);
            if (refused != null) throw refused;
            if (!failOnUnknown) throw new TemplateRefused(field, Rule.SYNTAX, describe(failure));
            errors.add(failure instanceof TemplateSyntaxException s ? TemplateError.fromException(s)
                    : failure instanceof InterpretException i ? TemplateError.fromSyntaxError(i) : TemplateError.fromException(failure));
        }
        List<String> problems = new ArrayList<>(parsed.problems());
        problems.addAll(problems(errors));
        return new Output(text, problems.stream().distinct().toList());
    }

    /** Errors an author should hear about: fatal ones and unknown variables, with their line. */
    private static List<String> problems(List<TemplateError> errors) {
        return errors.stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL || e.getReason() == TemplateError.ErrorReason.UNKNOWN)
                .map(e -> humane(e) + (e.getLineno() > 0 ? " (line " + e.getLineno() + ")" : "")).toList();
    }

    /** An error as its author should read it: what is wrong, never the name of an exception class (issue 20). */
    private static String humane(TemplateError e) {
        if (e.getException() instanceof com.hubspot.jinjava.interpret.UnknownTokenException u) return "unknown variable '" + u.getToken() + "'";
        String m = e.getMessage() == null ? "the template cannot be read here" : e.getMessage();
        return m.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)*[A-Z][A-Za-z0-9]*(?:Exception|Error):\\s*", "");
    }

    /** The refusal an error of Jinjava's stands for, or null when it is an ordinary problem (unknown variable...). */
    private TemplateRefused refusal(String field, TemplateError error) {
        if (error.getReason() == TemplateError.ErrorReason.DISABLED) {
            String name = error.getException() instanceof DisabledException d ? d.getToken() : error.getFieldName();
            return disabled(field, name == null ? "" : name, error.getItem());
        }
        if (error.getReason() == TemplateError.ErrorReason.OUTPUT_TOO_BIG) return outputTooBig(field);
        if (error.getReason() == TemplateError.ErrorReason.COLLECTION_TOO_BIG) return collectionTooBig(field);
        if (error.getCategory() == BasicTemplateErrorCategory.CYCLE_DETECTED) {
            return new TemplateRefused(field, Rule.BUDGET, "a macro calls itself more than " + limits.maxMacroDepth() + " levels deep");
        }
        return error.getException() == null ? null : refusal(field, error.getException());
    }

    private TemplateRefused refusal(String field, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutputTooBigException) return outputTooBig(field);
            if (t instanceof CollectionTooBigException) return collectionTooBig(field);
            if (t instanceof DisabledException d) return disabled(field, d.getToken(), TemplateError.ErrorItem.OTHER);
        }
        return null;
    }

    private static TemplateRefused disabled(String field, String name, TemplateError.ErrorItem item) {
        String bare = name.substring(name.indexOf(':') + 1);
        if (READING_TAGS.contains(bare)) {
            return new TemplateRefused(field, Rule.INCLUDE, "the " + bare + " tag is refused: a template reads no file, classpath"
                    + " resource or URL");
        }
        String what = switch (item) {
            case FILTER -> "the filter '" + bare + "'";
            case FUNCTION -> "the function '" + bare + "()'";
            case TAG -> "the " + bare + " tag";
            default -> "'" + bare + "'";
        };
        return new TemplateRefused(field, Rule.FEATURE, what + " is not available in templates");
    }

    private TemplateRefused outputTooBig(String field) {
        return new TemplateRefused(field, Rule.BUDGET, "the output would be longer than " + limits.maxOutputChars() + " characters");
    }

    private TemplateRefused collectionTooBig(String field) {
        return new TemplateRefused(field, Rule.BUDGET, "a list or dictionary would hold more than " + limits.maxListSize() + " items");
    }

    private static TemplateRefused tooDeep(String field) {
        return new TemplateRefused(field, Rule.BUDGET, "the template nests too deeply to be rendered");
    }

    /** A failed render in words an author understands: Jinjava's message, without Java class names. */
    private static String describe(RuntimeException failure) {
        String m = failure.getMessage() == null ? "the template cannot be rendered" : failure.getMessage();
        m = m.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*", "");
        int line = failure instanceof InterpretException i ? i.getLineNumber() : -1;
        return (m.isBlank() ? "the template cannot be rendered" : m) + (line > 0 ? " (line " + line + ")" : "");
    }

    /**
     * The deepest nesting of tags, and of brackets within one expression (the expression parser backtracks: each level
     * of parentheses multiplies its work), walked without recursion: a hostile tree may be deeper than the stack.
     */
    private static int nesting(Node tree) {
        int max = 0;
        Deque<Map.Entry<Node, Integer>> todo = new ArrayDeque<>();
        todo.push(Map.entry(tree, 0));
        while (!todo.isEmpty()) {
            var e = todo.pop();
            Node node = e.getKey();
            int d = e.getValue();
            String expression = node.getMaster() instanceof ExpressionToken t ? t.getExpr()
                    : node.getMaster() instanceof TagToken t ? t.getHelpers() : null;
            max = Math.max(max, d + (expression == null ? 0 : brackets(expression)));
            for (Node child : node.getChildren()) todo.push(Map.entry(child, child instanceof TagNode ? d + 1 : d));
        }
        return max;
    }

    /** The deepest nesting of (), [] and {} in an expression, outside its string literals. */
    private static int brackets(String expression) {
        int depth = 0;
        int max = 0;
        char quote = 0;
        for (int i = 0; i < expression.length(); i++) {
            char ch = expression.charAt(i);
            if (quote != 0) {
                if (ch == '\\') i++;
                else if (ch == quote) quote = 0;
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == '(' || ch == '[' || ch == '{') {
                max = Math.max(max, ++depth);
            } else if ((ch == ')' || ch == ']' || ch == '}') && depth > 0) {
                depth--;
            }
        }
        return max;
    }

    /** {@code for}, counting every iteration against the budget. */
    private static final class GuardedForTag extends ForTag {

        @Override
        public String renderForCollection(TagNode tagNode, JinjavaInterpreter interpreter, List<String> loopVars, Object collection) {
            return super.renderForCollection(tagNode, interpreter, loopVars, counted(collection, interpreter));
        }

        /** The collection as {@code ForLoop} would iterate it (same items, same length), each step counted. */
        @SuppressWarnings("unchecked")
        private static Object counted(Object collection, JinjavaInterpreter interpreter) {
            if (!RenderBudget.CURRENT.isBound()) return collection;
            RenderBudget guard = RenderBudget.CURRENT.get();
            if (collection instanceof Map<?, ?> map) {
                collection = interpreter.getConfig().getLegacyOverrides().isIterateOverMapKeys() ? map.keySet() : map.values();
            } else if (collection instanceof Object[] array) {
                collection = Arrays.asList(array);
            }
            if (collection instanceof Collection<?> c) return new Counted<>((Collection<Object>) c, guard);
            if (collection instanceof Iterable<?> i) return new CountingIterator<>((Iterator<Object>) i.iterator(), guard);
            if (collection instanceof Iterator<?> i) return new CountingIterator<>((Iterator<Object>) i, guard);
            return collection;
        }
    }

    private static final class Counted<T> extends AbstractCollection<T> {
        private final Collection<T> items;
        private final RenderBudget guard;

        Counted(Collection<T> items, RenderBudget guard) {
            this.items = items;
            this.guard = guard;
        }

        @Override
        public Iterator<T> iterator() {
            return new CountingIterator<>(items.iterator(), guard);
        }

        @Override
        public int size() {
            return items.size();
        }
    }

    private record CountingIterator<T>(Iterator<T> items, RenderBudget guard) implements Iterator<T> {
        @Override
        public boolean hasNext() {
            return items.hasNext();
        }

        @Override
        public T next() {
            guard.iteration();
            return items.next();
        }
    }

    /**
     * Java beans as templates see them: a loop's, a date's and a dictionary entry's properties, the Python-style
     * methods of Jinjava's lists, dictionaries, loops and dates, and the filters and tests Jinjava itself calls.
     * Anything else reads as nothing, and a method call is refused: {@code contact.getClass()},
     * {@code name.repeat(1000000000)}...
     */
    private static final class SandboxBeanResolver extends JinjavaBeanELResolver {

        SandboxBeanResolver() {
            super(true);
        }

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            if (base == null) return null;
            if (base instanceof ForLoop || base instanceof PyishDate
                    || (base instanceof Map.Entry<?, ?> && ("key".equals(property) || "value".equals(property)))) {
                return super.getValue(context, base, property);
            }
            context.setPropertyResolved(true);
            return null;
        }

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
            if (base == null) return null;
            String name = String.valueOf(method);
            boolean allowed = switch (base) {
                case Filter f -> name.equals("filter");
                case ExpTest t -> name.equals("evaluate") || name.equals("evaluateNegated");
                case ForLoop l -> name.equals("cycle");
                case PyList l -> LIST_METHODS.contains(name);
                case PyMap m -> DICT_METHODS.contains(name);
                case PyishDate d -> DATE_METHODS.contains(name);
                default -> false;
            };
            if (!allowed) {
                if (RenderBudget.CURRENT.isBound()) RenderBudget.CURRENT.get().forbid("'." + name + "()' is not available: templates call no Java methods");
                throw new RenderBudget.Abort();
            }
            if (params != null && RenderBudget.CURRENT.isBound() && !(base instanceof Filter)) RenderBudget.CURRENT.get().weigh(params);
            return super.invoke(context, base, method, paramTypes, params);
        }
    }

    /** Templates read no file, classpath resource or URL, whatever tag or name asks for one. */
    private static final class RefusingLocator implements ResourceLocator {
        @Override
        public String getString(String fullName, Charset encoding, JinjavaInterpreter interpreter) throws IOException {
            throw new IOException("templates read no file, classpath resource or URL");
        }
    }
}
