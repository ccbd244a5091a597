package org.fairsend.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairsend.console.internal.PolicyForms.Field;
import org.fairsend.console.internal.PolicyForms.Kind;
import org.fairsend.platform.RuleViolation.Violation;
import org.fairsend.policy.Policy;
import org.fairsend.policy.ReputationPolicy;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The structured policy editor's generator (issue 20): every component of {@link Policy}, nested ones included, has an
 * input; what a form shows binds back to the same policy; the metadata's bounds are those the policy's own checks apply.
 */
class PolicyFormsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final PolicyForms forms = new PolicyForms(JSON);

    @Test
    void everyComponentOfThePolicyAndOfItsNestedRecordsRendersAField() {
        Policy p = Policy.defaults();
        JsonNode doc = forms.policyJson(p);
        Set<String> sections = new LinkedHashSet<>();
        for (RecordComponent c : Policy.class.getRecordComponents()) sections.add(c.getName());
        assertThat(forms.sectionNames()).containsExactlyElementsOf(sections).hasSize(15);
        for (String s : sections) {
            Set<String> expected = new LinkedHashSet<>();
            paths(forms.shape(s), s, expected);
            var form = forms.form(s, doc.get(s), doc.get(s), null, Map.of(), List.of());
            Set<String> rendered = new LinkedHashSet<>();
            for (Field f : everything(form.root())) {
                rendered.add(f.metaPath());
                assertThat(f.label()).as(f.path()).isNotBlank();
                assertThat(f.kind()).as(f.path()).isNotNull();
                assertThat(f.name()).as(f.path()).startsWith(s);
            }
            assertThat(rendered).as("section " + s).containsAll(expected);
            assertThat(form.custom()).as("the defaults differ from nothing: " + s).isZero();
        }
    }

    /** Each input of a group, a list's element or a map's value, by the path its metadata is found by. */
    private static void paths(PolicyForms.Shape shape, String path, Set<String> out) {
        out.add(path);
        switch (shape) {
            case PolicyForms.Group g -> g.members().forEach(m -> paths(m.shape(), path + "." + m.name(), out));
            case PolicyForms.ListOf l -> {
                // a list of plain values drawn as one input (checkboxes, one entry per line) has no input per element
                if (!(l.element() instanceof PolicyForms.Scalar)) paths(l.element(), path + ".*", out);
            }
            case PolicyForms.MapOf m -> paths(m.value(), path + ".*", out);
            case PolicyForms.Scalar s -> { }
        }
    }

    /** The fields of a tree with the new-row templates of its lists and maps. */
    private static List<Field> everything(Field f) {
        List<Field> all = new ArrayList<>();
        all.add(f);
        for (Field c : f.children()) all.addAll(everything(c));
        if (f.template() != null) all.addAll(everything(f.template()));
        return all;
    }

    record Unsupported(Duration delay) {}

    record Nested(Integer count, Set<String> names) {}

    record Holder(List<Nested> rows) {}

    @Test
    void aTypeWithoutAnInputIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> PolicyForms.shapeOf(Unsupported.class, "policy.x", new HashSet<>()))
                .hasMessageContaining("java.time.Duration").hasMessageContaining("policy.x.delay");
        assertThatThrownBy(() -> PolicyForms.shapeOf(Holder.class, "policy.y", new HashSet<>()))
                .hasMessageContaining("java.util.Set").hasMessageContaining("policy.y.rows[].names");
    }

    @Test
    void aValueWithoutMetadataStillRendersWithItsName() {
        var bare = new PolicyForms(JSON, Map.of());
        Policy p = Policy.defaults();
        var form = bare.form("hygiene", bare.section(p, "hygiene"), null, null, Map.of(), List.of());
        assertThat(form.label()).isEqualTo("Hygiene");
        var labels = form.root().children().stream().map(Field::label).toList();
        assertThat(labels).containsExactly("Inactive months", "Min tracked deliveries", "Scanner click seconds", "Link burst seconds");
        assertThat(form.root().children().getFirst().kind()).isEqualTo(Kind.NUMBER);
        assertThat(form.root().children().getFirst().value()).isEqualTo("6");
        // with the metadata, the label, help, rule, unit and bounds of R-8
        var meta = forms.form("hygiene", forms.section(p, "hygiene"), null, null, Map.of(), List.of()).root().children().getFirst();
        assertThat(meta.label()).isEqualTo("Inactive after");
        assertThat(meta.rule()).isEqualTo("R-8");
        assertThat(meta.unit()).isEqualTo("months");
        assertThat(meta.min()).isEqualTo("3");
        assertThat(meta.max()).isEqualTo("6");
        assertThat(meta.help()).isNotBlank();
    }

    @Test
    void whatEachSectionsFormShowsBindsBackToTheSamePolicy() {
        Policy p = Policy.defaults();
        for (String s : forms.sectionNames()) {
            JsonNode value = forms.section(p, s);
            var form = forms.form(s, value, null, null, Map.of(), List.of());
            Map<String, String[]> params = new LinkedHashMap<>();
            submit(form.root(), params);
            var bound = forms.bind(s, params, value);
            assertThat(bound.errors()).as(s).isEmpty();
            assertThat(PolicyForms.same(bound.value(), value)).as("section " + s + ": " + bound.value() + " vs " + value).isTrue();
            assertThat(forms.with(p, s, bound.value())).as(s).isEqualTo(p);
        }
    }

    @Test
    void aShareIsShownAsAPercentageAndReadBackAsAShareAndABadNumberIsKeptAsTyped() {
        Policy p = Policy.defaults();
        JsonNode value = forms.section(p, "reputation");
        var form = forms.form("reputation", value, null, null, Map.of(), List.of());
        Field rate = form.root().children().stream().filter(f -> f.path().equals("reputation.complaintRate")).findFirst().orElseThrow();
        assertThat(rate.kind()).isEqualTo(Kind.PERCENT);
        assertThat(rate.value()).isEqualTo("0.08");
        assertThat(rate.unit()).isEqualTo("%");
        Map<String, String[]> params = new LinkedHashMap<>();
        submit(form.root(), params);
        params.put("reputation.complaintRate", new String[] {"0.1"});
        params.put("reputation.minimumSample", new String[] {"six hundred"});
        var bound = forms.bind("reputation", params, value);
        assertThat(bound.value().get("complaintRate").asDouble()).isEqualTo(0.001);
        assertThat(bound.errors()).extracting(Violation::field).containsExactly("reputation.minimumSample");
        var again = forms.form("reputation", bound.value(), value, null, bound.raw(), bound.errors());
        Field sample = again.root().children().stream().filter(f -> f.path().equals("reputation.minimumSample")).findFirst().orElseThrow();
        assertThat(sample.value()).isEqualTo("six hundred");
        assertThat(sample.errors()).containsExactly("form: a whole number");
        assertThat(again.root().children().stream().filter(f -> f.path().equals("reputation.complaintRate")).findFirst().orElseThrow().custom())
                .isTrue();
    }

    @Test
    void rowsAddedInThePageAndRowsLeftBlankAreReadInOrderAndAnErrorOfAnEntryReachesItsRow() {
        Policy p = Policy.defaults();
        JsonNode value = forms.section(p, "dedicatedIp");
        var form = forms.form("dedicatedIp", value, null, null, Map.of(), List.of());
        Map<String, String[]> params = new LinkedHashMap<>();
        submit(form.root(), params);
        // a step added by the page's script (a large index), one left blank, and a cap for an unknown provider
        params.put("dedicatedIp.warmup[1000001].fromDay", new String[] {"40"});
        params.put("dedicatedIp.warmup[1000001].caps[0].@key", new String[] {"laposte"});
        params.put("dedicatedIp.warmup[1000001].caps[0]", new String[] {"10"});
        params.put("dedicatedIp.warmup[1000002].fromDay", new String[] {""});
        var bound = forms.bind("dedicatedIp", params, value);
        assertThat(bound.errors()).isEmpty();
        ArrayNode warmup = (ArrayNode) bound.value().get("warmup");
        assertThat(warmup.size()).isEqualTo(p.dedicatedIp().warmup().size() + 1);
        assertThat(warmup.get(warmup.size() - 1).get("fromDay").asInt()).isEqualTo(40);
        Policy changed = forms.with(p, "dedicatedIp", bound.value());
        List<Violation> problems = changed.problems();
        int last = warmup.size() - 1;
        assertThat(problems).extracting(Violation::field).contains("dedicatedIp.warmup[" + last + "].caps.laposte");
        var again = forms.form("dedicatedIp", bound.value(), value, null, bound.raw(), problems);
        Field cap = everything(again.root()).stream().filter(f -> f.path().equals("dedicatedIp.warmup[" + last + "].caps.laposte")).findFirst()
                .orElseThrow();
        assertThat(cap.errors()).anySatisfy(e -> assertThat(e).contains("no such provider: laposte"));
        assertThat(cap.value()).isEqualTo("10");
    }

    @Test
    void anEmptyInputIsAValueLeftOutAndTakesItsDefault() {
        Policy p = new Policy(new Policy.Retention(2, 5), null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        JsonNode value = forms.section(p, "retention");
        var bound = forms.bind("retention", Map.of("retention.prospectYears", new String[] {""}, "retention.optOutRecordYears",
                new String[] {"5"}), value);
        Policy changed = forms.with(p, "retention", bound.value());
        assertThat(changed.retention()).isEqualTo(new Policy.Retention(3, 5));
        assertThat(changed.hygiene()).isEqualTo(p.hygiene());
    }

    /** Lower bounds that hold alone but that other values raise: the plan's length is at least its last step's day. */
    static final Set<String> MIN_DEPENDS_ON_OTHERS = Set.of("dedicatedIp.days");

    /**
     * The bounds drawn on the inputs are those {@link Policy#problems()} applies: at a bound the value passes (unless the
     * bound is exclusive), one step beyond it is refused, on the value or on the group that holds it.
     */
    @Test
    void theMetadatasBoundsAreThoseThePolicysChecksApply() throws Exception {
        Map<String, PolicyForms.Meta> meta;
        try (var in = getClass().getClassLoader().getResourceAsStream(PolicyForms.RESOURCE)) {
            meta = JSON.readValue(in, PolicyForms.MetaFile.class).fields();
        }
        JsonNode defaults = forms.policyJson(Policy.defaults());
        // a Record.component key stands for every place that record is used
        Map<String, List<String>> byRecord = new LinkedHashMap<>();
        for (String s : forms.sectionNames()) places(forms.shape(s), s, byRecord);
        List<Map.Entry<String, PolicyForms.Meta>> cases = new ArrayList<>();
        for (var e : meta.entrySet()) {
            if (forms.sectionNames().contains(e.getKey().split("\\.")[0])) cases.add(e);
            else for (String p : byRecord.getOrDefault(e.getKey(), List.of())) cases.add(Map.entry(p, e.getValue()));
        }
        int checked = 0;
        for (var e : cases) {
            PolicyForms.Meta m = e.getValue();
            if (m.min() == null && m.max() == null) continue;
            String path = e.getKey();
            BigDecimal step = m.share() ? new BigDecimal("0.001") : isWhole(defaults, path) ? BigDecimal.ONE : new BigDecimal("0.01");
            if (m.min() != null) {
                assertRefused(defaults, path, m.min().subtract(step));
                if (Boolean.TRUE.equals(m.minExclusive())) assertRefused(defaults, path, m.min());
                else if (!MIN_DEPENDS_ON_OTHERS.contains(path)) assertAccepted(defaults, path, m.min());
                checked++;
            }
            if (m.max() != null) {
                assertRefused(defaults, path, m.max().add(step));
                if (Boolean.TRUE.equals(m.maxExclusive())) assertRefused(defaults, path, m.max());
                else assertAccepted(defaults, path, m.max());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(60);
    }

    @Test
    void everyMetadataKeyNamesAValueOfThePolicy() throws Exception {
        Map<String, PolicyForms.Meta> meta;
        try (var in = getClass().getClassLoader().getResourceAsStream(PolicyForms.RESOURCE)) {
            meta = JSON.readValue(in, PolicyForms.MetaFile.class).fields();
        }
        Set<String> known = new HashSet<>();
        for (String s : forms.sectionNames()) {
            Set<String> all = new LinkedHashSet<>();
            paths(forms.shape(s), s, all);
            known.addAll(all);
            records(forms.shape(s), known);
        }
        assertThat(known).containsAll(meta.keySet());
    }

    private static void places(PolicyForms.Shape shape, String path, Map<String, List<String>> out) {
        switch (shape) {
            case PolicyForms.Group g -> g.members().forEach(m -> {
                out.computeIfAbsent(g.type().getSimpleName() + "." + m.name(), k -> new ArrayList<>()).add(path + "." + m.name());
                places(m.shape(), path + "." + m.name(), out);
            });
            case PolicyForms.ListOf l -> places(l.element(), path + ".*", out);
            case PolicyForms.MapOf m -> places(m.value(), path + ".*", out);
            case PolicyForms.Scalar s -> { }
        }
    }

    private static void records(PolicyForms.Shape shape, Set<String> out) {
        switch (shape) {
            case PolicyForms.Group g -> g.members().forEach(m -> {
                out.add(g.type().getSimpleName() + "." + m.name());
                records(m.shape(), out);
            });
            case PolicyForms.ListOf l -> records(l.element(), out);
            case PolicyForms.MapOf m -> records(m.value(), out);
            case PolicyForms.Scalar s -> { }
        }
    }

    private static boolean isWhole(JsonNode doc, String path) {
        JsonNode n = at(doc, path);
        return n.isIntegralNumber();
    }

    /** The node at a metadata path, {@code *} taken as the first element or key. */
    private static JsonNode at(JsonNode doc, String path) {
        JsonNode n = doc;
        for (String part : path.split("\\.")) {
            if (part.equals("*")) n = n.isArray() ? n.get(0) : n.properties().iterator().next().getValue();
            else n = n.get(part);
        }
        return n;
    }

    private JsonNode with(JsonNode defaults, String path, BigDecimal value) {
        JsonNode doc = defaults.deepCopy();
        String[] parts = path.split("\\.");
        JsonNode parent = doc;
        for (int i = 0; i < parts.length - 1; i++) {
            String part = parts[i];
            parent = part.equals("*") ? (parent.isArray() ? parent.get(0) : parent.properties().iterator().next().getValue()) : parent.get(part);
        }
        String last = parts[parts.length - 1];
        if (last.equals("*")) last = parent.properties().iterator().next().getKey();
        JsonNode old = parent.get(last);
        ((ObjectNode) parent).set(last, old.isIntegralNumber() ? JsonNodeFactory.instance.numberNode(value.longValueExact())
                : JsonNodeFactory.instance.numberNode(value.doubleValue()));
        return doc;
    }

    /** A violation on the value or on a group holding it, its path's {@code *} read as the first element or key. */
    private List<Violation> on(String path, BigDecimal value, JsonNode defaults) {
        JsonNode doc = with(defaults, path, value);
        Policy p = JSON.treeToValue(doc, Policy.class);
        String concrete = concrete(defaults, path);
        List<Violation> hits = new ArrayList<>();
        for (Violation v : p.problems()) {
            if (concrete.equals(v.field()) || concrete.startsWith(v.field() + ".") || concrete.startsWith(v.field() + "[")) hits.add(v);
        }
        return hits;
    }

    private static String concrete(JsonNode doc, String path) {
        StringBuilder b = new StringBuilder();
        JsonNode n = doc;
        for (String part : path.split("\\.")) {
            if (part.equals("*")) {
                if (n.isArray()) {
                    b.append("[0]");
                    n = n.get(0);
                } else {
                    var first = n.properties().iterator().next();
                    b.append('.').append(first.getKey());
                    n = first.getValue();
                }
            } else {
                if (!b.isEmpty()) b.append('.');
                b.append(part);
                n = n.get(part);
            }
        }
        return b.toString();
    }

    private void assertRefused(JsonNode defaults, String path, BigDecimal value) {
        assertThat(on(path, value, defaults)).as(path + " = " + value + " is refused by the policy's checks").isNotEmpty();
    }

    private void assertAccepted(JsonNode defaults, String path, BigDecimal value) {
        assertThat(on(path, value, defaults)).as(path + " = " + value + " is accepted by the policy's checks").isEmpty();
    }

    /** What a browser posts for a form as drawn: every input with its value, ticked checkboxes only. */
    static void submit(Field f, Map<String, String[]> params) {
        switch (f.kind()) {
            case NUMBER, PERCENT, TEXT, SELECT, LINES -> params.put(f.name(), new String[] {f.value() == null ? "" : f.value()});
            case CHECKBOX -> {
                if (f.checked()) params.put(f.name(), new String[] {"on"});
            }
            case CHOICES -> {
                var chosen = f.options().stream().filter(PolicyForms.Option::selected).map(PolicyForms.Option::value).toArray(String[]::new);
                if (chosen.length > 0) params.put(f.name(), chosen);
            }
            case GROUP -> f.children().forEach(c -> submit(c, params));
            case LIST -> f.children().forEach(c -> submit(c, params));
            case MAP -> f.children().forEach(c -> {
                params.put(c.keyName(), new String[] {c.key()});
                submit(c, params);
            });
        }
    }

    @Test
    void anEntryOfAListTakesTheListsInputPatternAndUnit() {
        Policy p = new Policy(null, null, null, null, new org.fairsend.policy.SendingHours(null, null, null, null, List.of("2026-12-26")),
                null, null, null, null, null, null, null, null, null, null);
        var hours = forms.form("sendingHours", forms.section(p, "sendingHours"), null, null, Map.of(), List.of()).root();
        Field closed = everything(hours).stream().filter(f -> f.path().equals("sendingHours.extraClosedDates[0]")).findFirst().orElseThrow();
        assertThat(closed.input()).isEqualTo("date");
        assertThat(closed.value()).isEqualTo("2026-12-26");
        var voice = forms.form("voice", forms.section(p, "voice"), null, null, Map.of(), List.of()).root();
        Field range = everything(voice).stream().filter(f -> f.path().equals("voice.callerRanges[0]")).findFirst().orElseThrow();
        assertThat(range.pattern()).isEqualTo("0[1-9][0-9]{2,6}");
        var ip = forms.form("dedicatedIp", forms.section(p, "dedicatedIp"), null, null, Map.of(), List.of()).root();
        Field cap = everything(ip).stream().filter(f -> f.path().equals("dedicatedIp.warmup[0].caps.gmail")).findFirst().orElseThrow();
        assertThat(cap.unit()).isEqualTo("per day");
        assertThat(cap.min()).isEqualTo("0");
        assertThat(cap.value()).isEqualTo("50");
    }

    @Test
    void aVersionsChangesAreListedValueByValue() {
        Policy before = Policy.defaults();
        JsonNode ip = forms.section(before, "dedicatedIp").deepCopy();
        ((ObjectNode) ip.get("warmup").get(1).get("caps")).put("gmail", 120);
        Policy after = new Policy(null, new Policy.Hygiene(4), null, null, null, null, null, null, null, null, null, null,
                forms.with(before, "dedicatedIp", ip).dedicatedIp(), null, null);
        var changes = forms.changes(before, after);
        assertThat(changes).containsExactly(
                new PolicyForms.Change("hygiene", "hygiene.inactiveMonths", "6 months", "4 months"),
                new PolicyForms.Change("dedicatedIp", "dedicatedIp.warmup[1].caps.gmail", "100 per day", "120 per day"));
        assertThat(forms.changes(before, before)).isEmpty();
    }

    @Test
    void sharesKeepTheirDigits() {
        // 0.0008 shown as 0.08 % and read back exactly (no 0.07999999)
        JsonNode value = forms.section(Policy.defaults(), "reputation");
        var bound = forms.bind("reputation", Map.of("reputation.complaintRate", new String[] {"0.08"}), value);
        assertThat(bound.value().get("complaintRate").asDouble()).isEqualTo(ReputationPolicy.defaults().complaintRate());
    }
}
