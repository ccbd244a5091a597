package org.fairsend.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fairsend.delivery.TemplateLimits;
import org.fairsend.delivery.TemplateRefused;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: a template of text and plain variables is joined without the interpreter. Whatever the template and the
 * data, the result is the interpreter's own, character for character; and the join is what most campaign templates
 * get (otherwise the fast path would be dead code).
 */
class PlainTemplateTest {

    private final TemplateSandbox sandbox = new TemplateSandbox(TemplateLimits.defaults());

    private static final String[] TEXTS = {"Bonjour ", ",\n", "<p style=\"color:#333\">", "</p>\r\n", " é à ç € 😀 ", "{", "}", "{ {", "%}",
            "<a href=\"https://shop.example/?a=1&b=2\">", "", "  ", "\t", "#}", "{#", "100 %", "\\n", "'", "\""};
    private static final String[] VARIABLES = {"{{ contact.first_name }}", "{{contact.first_name}}", "{{ contact.city }}", "{{ sender.name }}",
            "{{ unsubscribe_url }}", "{{ contact.missing }}", "{{ contact.nothing }}", "{{ contact.age }}", "{{ contact.tags }}",
            "{{ contact.address.city }}", "{{ contact.address.zip }}", "{{ nobody.name }}", "{{ contact.none }}", "{{ true }}", "{{ none }}",
            "{{ contact.first_name|upper }}", "{{ contact.first_name ~ '!' }}", "{{- contact.city }}", "{{ contact.city -}}",
            "{% if contact.city %}ville{% endif %}", "{# a comment #}", "{{ contact.items }}", "{{ contact.keys }}", "{{ contact.empty }}"};
    private static final String[] VALUES = {"Camille", "", " ", "Zoë & <b>co</b>", "{{ contact.first_name }}", "{% for i in range(9) %}x{% endfor %}",
            "ligne 1\nligne 2", "😀", "a\"b'c", "\\u0041"};

    private Map<String, Object> bindings(Random random) {
        Map<String, Object> contact = new HashMap<>();
        contact.put("first_name", VALUES[random.nextInt(VALUES.length)]);
        if (random.nextBoolean()) contact.put("city", VALUES[random.nextInt(VALUES.length)]);
        if (random.nextInt(4) == 0) contact.put("nothing", null);
        contact.put("age", 42);
        contact.put("tags", List.of("a", "b"));
        contact.put("empty", "");
        Map<String, Object> address = new HashMap<>();
        address.put("city", VALUES[random.nextInt(VALUES.length)]);
        if (random.nextBoolean()) contact.put("address", address);
        if (random.nextInt(5) == 0) contact.put("none", "pas un mot-clé");
        Map<String, Object> b = new HashMap<>();
        b.put("contact", random.nextInt(20) == 0 ? null : contact);
        b.put("sender", Map.of("name", "Boulangerie Martin"));
        b.put("unsubscribe_url", "https://fairsend.example/u/abc.def.ghi");
        return b;
    }

    @Test
    void joiningGivesTheInterpretersOwnOutputForAnyTemplateAndData() {
        Random random = new Random(17);
        int joined = 0;
        int plainTemplates = 0;
        for (int n = 0; n < 3_000; n++) {
            StringBuilder source = new StringBuilder();
            int pieces = 1 + random.nextInt(8);
            for (int i = 0; i < pieces; i++) {
                source.append(TEXTS[random.nextInt(TEXTS.length)]);
                // mostly the plain variables campaigns use, sometimes anything else
                int v = random.nextInt(3) > 0 ? random.nextInt(5) : random.nextInt(VARIABLES.length);
                source.append(VARIABLES[v]);
            }
            source.append(TEXTS[random.nextInt(TEXTS.length)]);
            TemplateSandbox.Parsed parsed;
            try {
                parsed = sandbox.parse("html", source.toString());
            } catch (TemplateRefused e) {
                continue;
            }
            PlainTemplate plain = sandbox.plain(parsed);
            if (plain != null) plainTemplates++;
            for (int k = 0; k < 3; k++) {
                Map<String, Object> b = bindings(random);
                String expected;
                try {
                    expected = sandbox.render("html", parsed, b, false).text();
                } catch (TemplateRefused e) {
                    expected = null;
                }
                String fast = plain == null ? null : plain.render(b);
                if (fast != null) {
                    joined++;
                    assertThat(fast).as("template %s with %s", source, b).isEqualTo(expected);
                }
            }
        }
        assertThat(plainTemplates).as("templates of text and plain variables are recognised").isGreaterThan(500);
        assertThat(joined).as("renders joined without the interpreter").isGreaterThan(1_000);
    }

    @Test
    void aTemplateWithAnythingButTextAndPlainVariablesIsLeftToTheInterpreter() {
        for (String s : List.of("{{ contact.first_name|upper }}", "{% if x %}a{% endif %}", "{{ a ~ b }}", "{{ a.b() }}", "{{ a[0] }}", "{{- a }}",
                "{{ true }}", "{{ contact.none }}", "{{ 'x' }}", "{{ 1 }}", "{% raw %}{{ a }}{% endraw %}")) {
            assertThat(sandbox.plain(sandbox.parse("html", s))).as(s).isNull();
        }
        assertThat(sandbox.plain(sandbox.parse("html", "Bonjour {{ contact.first_name }}, {{sender.name}} {# note #}"))).isNotNull();
    }

    @Test
    void overTheBudgetTheInterpreterRendersAndRefuses() {
        TemplateSandbox small = new TemplateSandbox(new TemplateLimits(null, null, null, 50, null, null, null, null, null));
        TemplateSandbox.Parsed parsed = small.parse("html", "Bonjour {{ contact.first_name }}");
        PlainTemplate plain = small.plain(parsed);
        Map<String, Object> b = Map.of("contact", Map.of("first_name", "x".repeat(60)));
        assertThat(plain.render(b)).as("not joined: over the output budget").isNull();
        assertThat(plain.render(Map.of("contact", Map.of("first_name", "Camille")))).isEqualTo("Bonjour Camille");
    }
}
