package org.fairsend.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The template sandbox on its own (issue 13, "templates are data, not code"): what a template may do, what it is
 * refused, and how fast the refusal comes. The same attacks through the running application are in
 * {@code org.fairsend.abuse.TemplateAbuseTest}.
 */
class TemplatesTest {

    private final Templates templates = new Templates(TemplateLimits.defaults());

    private static Map<String, Object> contact() {
        Map<String, Object> contact = new HashMap<>(Map.of("first_name", "Camille", "city", "Lyon"));
        Map<String, Object> b = new HashMap<>();
        b.put("contact", contact);
        b.put("items", List.of(Map.of("name", "pain", "price", 3), Map.of("name", "brioche", "price", 5)));
        b.put("sender", Map.of("name", "Boulangerie"));
        return b;
    }

    private String render(String source) {
        return templates.compile("html", source).render(contact());
    }

    private TemplateRefused refused(String source) {
        long start = System.nanoTime();
        try {
            templates.compile("html", source).render(contact());
        } catch (TemplateRefused e) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused in time").isLessThan(Duration.ofSeconds(3));
            assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("java.").doesNotContain("com.hubspot");
            assertThat(e.field()).isEqualTo("html");
            return e;
        }
        throw new AssertionError("not refused: " + source);
    }

    @Test
    void personalisationStillWorks() {
        assertThat(render("Bonjour {{ contact.first_name }} de {{ contact.city|upper }} !")).isEqualTo("Bonjour Camille de LYON !");
        assertThat(render("{% for i in items %}{{ loop.index }}.{{ i.name|title }}={{ i.price }}{% if not loop.last %}, {% endif %}{% endfor %}"))
                .isEqualTo("1.Pain=3, 2.Brioche=5");
        assertThat(render("{{ contact.missing|default('ami') }} {{ contact.nothing }}|")).isEqualTo("ami |");
        assertThat(render("{% set total = items|sum(attribute='price') %}{{ total }} {{ items|map(attribute='name')|join(', ') }}"))
                .isEqualTo("8 pain, brioche");
        assertThat(render("{% macro hello(name) %}Salut {{ name }}{% endmacro %}{{ hello(contact.first_name) }}")).isEqualTo("Salut Camille");
        assertThat(render("{% for k, v in contact.items() %}{% if k == 'city' %}{{ v }}{% endif %}{% endfor %}")).isEqualTo("Lyon");
        assertThat(render("{% set l = [] %}{% do l.append(1) %}{% do l.append(2) %}{{ l|length }} {{ range(3)|join }}")).isEqualTo("2 012");
        assertThat(render("{{ 'pain' ~ ' ' ~ contact.first_name }} {{ '%s'|length }} {{ 3.14159|round(2) }}")).isEqualTo("pain Camille 2 3.14");
        assertThat(render("{{ {'a': 1}|tojson }} {{ ('{\"b\": 2}'|fromjson).b }}")).isEqualTo("{\"a\":1} 2");
        assertThat(render("no template here: {{ contact.first_name }}")).isEqualTo("no template here: Camille");
    }

    @Test
    void includesImportsAndExtendsReadNothing() {
        for (String t : List.of("{% include \"file:/proc/self/environ\" %}", "{% include 'file:/etc/passwd' %}",
                "{% include 'application.properties' %}", "{% include 'https://example.com/x' %}",
                "{% import 'file:/etc/passwd' as p %}", "{% from 'file:/etc/passwd' import x %}", "{% extends 'file:/etc/passwd' %}",
                "a{% if true %}{% include 'application.properties' %}{% endif %}b")) {
            TemplateRefused e = refused(t);
            assertThat(e.rule()).as(t).isEqualTo(TemplateRefused.Rule.INCLUDE);
            assertThat(e.violations().getFirst().rule()).isEqualTo("template-include");
        }
    }

    @Test
    void javaIsOutOfReach() {
        for (String t : List.of("{{ contact.getClass() }}", "{{ contact.first_name.getClass().forName('java.lang.Runtime') }}",
                "{{ contact.first_name.repeat(2000000000) }}", "{{ contact.toString() }}", "{{ items.getClass() }}",
                "{{ contact.first_name.getBytes() }}", "{{ ____int3rpr3t3r____ }}", "{{ ____int3rpr3t3r____.config }}",
                "{{ contact|pprint }}", "{{ '{{ 7*7 }}'|render }}", "{{ 'aaaaaaaaaaaaaaaaaaaaaaaa!'|regex_replace('(a+)+$', '') }}",
                "{{ 'x'|center(2000000000) }}", "{{ 'x'|indent(2000000000) }}", "{{ '%2000000000d'|format(1) }}",
                "{{ [1]|batch(2000000000, 'x') }}", "{{ type(contact) }}", "{{ super() }}",
                "{{ 'a: 1'|fromyaml }}")) {
            TemplateRefused e = refused(t);
            assertThat(e.rule()).as(t).isEqualTo(TemplateRefused.Rule.FEATURE);
        }
        // a property of a Java object reads as nothing; a function left out is not there, in any scope
        assertThat(render("[{{ contact.first_name.bytes }}{{ contact.first_name.class }}{{ contact.class }}]")).isEqualTo("[]");
        assertThat(render("[{% for i in [1] %}{{ type(contact) }}{{ super() }}{% endfor %}]")).isEqualTo("[]");
    }

    @Test
    void contactDataIsNeverTemplateCode() {
        Map<String, Object> b = contact();
        ((Map<String, Object>) b.get("contact")).put("first_name", "{% include 'file:/etc/passwd' %}{{ 7*7 }}");
        assertThat(templates.compile("html", "Bonjour {{ contact.first_name }}").render(b))
                .isEqualTo("Bonjour {% include 'file:/etc/passwd' %}{{ 7*7 }}");
    }

    @Test
    void loopsHaveABudget() {
        TemplateRefused e = refused("{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
                + "{% for d in range(1000) %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}");
        assertThat(e.rule()).isEqualTo(TemplateRefused.Rule.BUDGET);
        assertThat(e.getMessage()).contains("loops run more than 20000 times");
        // nested loops hidden in macros calling each other
        e = refused("{% macro a() %}{% for i in range(1000) %}{{ i }}{% endfor %}{% endmacro %}"
                + "{% macro b() %}{% for i in range(1000) %}{{ a() }}{% endfor %}{% endmacro %}{{ b() }}");
        assertThat(e.rule()).isEqualTo(TemplateRefused.Rule.BUDGET);
    }

    @Test
    void outputHasABudget() {
        TemplateRefused e = refused("{% set s = 'xxxxxxxxxxxxxxxx' %}{% for i in range(40) %}{% set s = s ~ s %}{% endfor %}{{ s }}");
        assertThat(e.rule()).isEqualTo(TemplateRefused.Rule.BUDGET);
        assertThat(e.getMessage()).containsAnyOf("longer than 2000000 characters", "more than 10000000 characters of data");
        e = refused("{% set s = 'xxxxxxxxxxxxxxxx' %}{% for i in range(40) %}{% set s = s + s %}{% endfor %}{{ s|length }}");
        assertThat(e.rule()).isEqualTo(TemplateRefused.Rule.BUDGET);
        e = refused("{{ 'x'|replace('x', 'xxxxxxxxxxxxxxxxxxxxxxxx')|replace('x', 'xxxxxxxxxxxxxxxxxxxxxxxx')|replace('x', 'xxxxxxxxxxxxxxxxxxxxxxxx')"
                + "|replace('x', 'xxxxxxxxxxxxxxxxxxxxxxxx')|replace('x', 'xxxxxxxxxxxxxxxxxxxxxxxx')|replace('x', 'xxxxxxxxxxxxxxxxxxxxxxxx') }}");
        assertThat(e.rule()).isEqualTo(TemplateRefused.Rule.BUDGET);
        e = refused("{% set l = range(1000) %}{% for i in range(20) %}{% set l = l + l %}{% endfor %}{{ l|length }}");
        assertThat(e.rule()).isEqualTo(TemplateRefused.Rule.BUDGET);
        // one long string referenced thousands of times, then printed or joined as one value
        String big = "{% set s = 'xxxxxxxxxxxxxxxx' %}{% for i in range(17) %}{% set s = s ~ s %}{% endfor %}";
        for (String use : List.of("{% set l = [] %}{% for i in range(10000) %}{% do l.append(s) %}{% endfor %}{{ l|string|length }}",
                "{% set l = [s] %}{% for i in range(13) %}{% set l = l + l %}{% endfor %}{{ '' ~ l }}",
                "{{ '' ~ [" + "s,".repeat(5000) + "s] }}", "{{ (range(1000)|map('string')|map('replace', '1', s))|length }}",
                "{{ s|replace('x', s) }}", "{% set l = [] %}{% for i in range(10000) %}{% do l.append(s ~ i) %}{% endfor %}{{ l|length }}")) {
            e = refused(big + use);
            assertThat(e.rule()).as(use).isEqualTo(TemplateRefused.Rule.BUDGET);
        }
    }

    @Test
    void recursionHasABudget() {
        TemplateRefused e = refused("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}");
        assertThat(e.rule()).isEqualTo(TemplateRefused.Rule.BUDGET);
        e = refused("{% macro f(n) %}{{ f(n) }}{{ f(n) }}{% endmacro %}{{ f(0) }}");
        assertThat(e.rule()).isEqualTo(TemplateRefused.Rule.BUDGET);
        e = refused("{% if true %}".repeat(200) + "x" + "{% endif %}".repeat(200));
        assertThat(e.rule()).isEqualTo(TemplateRefused.Rule.BUDGET);
        assertThat(e.getMessage()).contains("nested more than 40 levels");
        e = refused("{{ " + "(".repeat(50_000) + "1" + ")".repeat(50_000) + " }}");
        assertThat(e.rule()).isIn(TemplateRefused.Rule.BUDGET, TemplateRefused.Rule.SYNTAX);
    }

    @Test
    void timeHasABudget() {
        Templates slow = new Templates(new TemplateLimits(Duration.ofMillis(50), 1_000_000, 10_000_000, null, null, null, null, null, null));
        long start = System.nanoTime();
        assertThatThrownBy(() -> slow.compile("text", "{% for a in range(1000) %}{% for b in range(1000) %}{{ b }}{% endfor %}{% endfor %}")
                .render(contact()))
                .isInstanceOfSatisfying(TemplateRefused.class, e -> assertThat(e.getMessage()).contains("longer than 50 ms"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aRefusedTemplateIsRefusedAtOnceForTheNextRecipients() {
        var compiled = templates.compile("text", "{% for a in range(1000) %}{% for b in range(1000) %}{% endfor %}{% endfor %}");
        assertThatThrownBy(() -> compiled.render(contact())).isInstanceOf(TemplateRefused.class);
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) assertThatThrownBy(() -> compiled.render(contact())).isInstanceOf(TemplateRefused.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void strictRendersReportMissingFieldsAndRefusals() {
        assertThat(templates.compile("subject", "Bonjour {{ contact.nickname }}").problems(contact())).singleElement().asString()
                .contains("nickname");
        assertThat(templates.compile("subject", "Bonjour {{ contact.first_name }}").problems(contact())).isEmpty();
        // what parsing found is reported too: an unknown tag, a tag never closed
        assertThat(templates.compile("html", "Bonjour {% frobnicate %}").problems(contact())).isNotEmpty();
        assertThat(templates.compile("html", "Bonjour {% if contact.first_name %}Camille").problems(contact())).isNotEmpty();
        assertThatThrownBy(() -> templates.compile("subject", "{{ contact.getClass() }}").problems(contact()))
                .isInstanceOf(TemplateRefused.class);
    }
}
