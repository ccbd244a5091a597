package org.fairsend.delivery.internal;

import com.hubspot.jinjava.el.JinjavaObjectUnwrapper;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.SafeString;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import org.fairsend.delivery.TemplateLimits;
import org.fairsend.delivery.TemplateRefused;
import org.fairsend.delivery.TemplateRefused.Rule;

/**
 * One render's budget ({@link TemplateLimits}), bound to the rendering thread for the render's duration
 * ({@link #CURRENT}): wall-clock time and pieces rendered (checked before every node), loop iterations (counted by the
 * {@code for} tag), and the weight of the data the render touches: no value heavier than the output may be, and no more
 * than the data budget in all. The first refusal is kept and the render unwound; every later check unwinds it again at
 * once, so a refused render stops within one step.
 */
final class RenderBudget {

    /** The budget of the render running on this thread, if any. */
    static final ScopedValue<RenderBudget> CURRENT = ScopedValue.newInstance();

    private final String field;
    private final TemplateLimits limits;
    private final long deadline;
    private long nodes;
    private long iterations;
    private long data;
    private TemplateRefused refusal;

    RenderBudget(String field, TemplateLimits limits) {
        this.field = field;
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.timeout().toNanos();
    }

    void node() {
        count(++nodes, limits.maxNodes(), "the template renders more than %d pieces for one recipient (loops or macros"
                + " calling each other)");
    }

    void iteration() {
        count(++iterations, limits.maxLoopIterations(), "the template's loops run more than %d times for one recipient");
    }

    private void count(long n, long max, String tooMany) {
        if (refusal != null) throw new Abort();
        if (n > max) refuse(new TemplateRefused(field, Rule.BUDGET, tooMany.formatted(max)));
        clock();
    }

    private void clock() {
        if (System.nanoTime() - deadline > 0) {
            refuse(new TemplateRefused(field, Rule.BUDGET, "the template takes longer than " + limits.timeout().toMillis()
                    + " ms to render for one recipient"));
        }
    }

    /** Records the first refusal and unwinds the render: every later node or iteration unwinds it again at once. */
    void refuse(TemplateRefused refused) {
        record(refused);
        throw new Abort();
    }

    void record(TemplateRefused refused) {
        if (refusal == null) refusal = refused;
    }

    /** The first refusal of this render, or null. */
    TemplateRefused refusal() {
        return refusal;
    }

    void forbid(String what) {
        refuse(new TemplateRefused(field, Rule.FEATURE, what));
    }

    /**
     * Weighs a value the render touches: no single value may weigh more than the output allows, and all of them
     * together no more than the data budget. A list that holds one long string ten thousand times weighs ten
     * thousand times its length: that is what printing it would cost.
     */
    void weigh(Object value) {
        if (refusal != null) throw new Abort();
        long w = weight(value, limits.maxOutputChars());
        if (w > limits.maxOutputChars()) {
            refuse(new TemplateRefused(field, Rule.BUDGET, "a value in the template would be longer than "
                    + limits.maxOutputChars() + " characters"));
        }
        data += w;
        if (data > limits.maxDataChars()) {
            refuse(new TemplateRefused(field, Rule.BUDGET, "the template handles more than " + limits.maxDataChars()
                    + " characters of data for one recipient"));
        }
    }

    /** Expected length of {@code replace}'s result, refused before it is built when too long. */
    void replacing(Object var, Object[] args) {
        if (args == null || args.length < 2 || args[0] == null || args[1] == null) return;
        String s = Objects.toString(var, "");
        String what = args[0].toString();
        String with = args[1].toString();
        if (what.isEmpty() || with.length() <= what.length()) return;
        long n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) n++;
        if (args.length > 2 && args[2] instanceof Number max && max.longValue() >= 0) n = Math.min(n, max.longValue());
        if (s.length() + n * (with.length() - what.length()) > limits.maxOutputChars()) {
            refuse(new TemplateRefused(field, Rule.BUDGET, "the output would be longer than " + limits.maxOutputChars()
                    + " characters"));
        }
    }

    /**
     * How many characters printing a value would take, counted up to {@code cap} (then it stops: the walk costs no more
     * than the budget it checks, and a list that contains itself ends too). Every item counts at least one.
     */
    static long weight(Object value, long cap) {
        long w = 0;
        Deque<Object> todo = new ArrayDeque<>();
        todo.push(value == null ? "" : value);
        while (!todo.isEmpty() && w <= cap) {
            Object v = todo.pop();
            switch (v) {
                case CharSequence cs -> w += Math.max(1, cs.length());
                case SafeString ss -> w += Math.max(1, ss.getValue() == null ? 0 : ss.getValue().length());
                case Collection<?> c -> {
                    w += 1;
                    for (Object o : c) {
                        if (o != null) todo.push(o);
                        if (todo.size() + w > cap) break;
                    }
                }
                case Map<?, ?> m -> {
                    w += 1;
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        if (e.getKey() != null) todo.push(e.getKey());
                        if (e.getValue() != null) todo.push(e.getValue());
                        if (todo.size() + w > cap) break;
                    }
                }
                case Object[] array -> {
                    w += 1;
                    for (Object o : array) {
                        if (o != null) todo.push(o);
                        if (todo.size() + w > cap) break;
                    }
                }
                default -> w += 1;
            }
        }
        return w + todo.size();
    }

    /** Every value a render reads (variables, properties, loop items, expression results) is weighed. */
    static final class WeighingUnwrapper extends JinjavaObjectUnwrapper {
        @Override
        public Object unwrapObject(Object o) {
            Object value = super.unwrapObject(o);
            if (value != null && CURRENT.isBound()) CURRENT.get().weigh(value);
            return value;
        }
    }

    /** A filter whose input, arguments and result are weighed (a filter may not turn small data into a huge value). */
    static final class WeighedFilter implements Filter {
        private final Filter filter;

        WeighedFilter(Filter filter) {
            this.filter = filter;
        }

        @Override
        public String getName() {
            return filter.getName();
        }

        @Override
        public boolean preserveSafeString() {
            return filter.preserveSafeString();
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            before(var, args, null);
            return after(filter.filter(var, interpreter, args));
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            before(var, args, kwargs);
            return after(filter.filter(var, interpreter, args, kwargs));
        }

        @Override
        public Object filter(SafeString var, JinjavaInterpreter interpreter, String... args) {
            before(var, args, null);
            return after(filter.filter(var, interpreter, args));
        }

        private void before(Object var, Object[] args, Map<String, Object> kwargs) {
            if (!CURRENT.isBound()) return;
            RenderBudget guard = CURRENT.get();
            guard.weigh(var);
            if (args != null) guard.weigh(args);
            if (kwargs != null) guard.weigh(kwargs);
            if (filter.getName().equals("replace")) guard.replacing(var, args);
        }

        private static Object after(Object result) {
            if (result != null && CURRENT.isBound()) CURRENT.get().weigh(result);
            return result;
        }
    }

    /** Unwinds a render the guard stopped (Jinjava passes its own exceptions through the tags it renders). */
    static final class Abort extends InterpretException {
        Abort() {
            super("the template's render was stopped");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
