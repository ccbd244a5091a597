package org.fairsend.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Every API operation that answers a JSON body documents its shape: the OpenAPI document served at
 * {@code /v3/api-docs} (springdoc, real HTTP) must give each successful (2xx) JSON response a schema with named
 * properties, not a free-form object (what a {@code Map<String, Object>} answer becomes: {@code type: object} with
 * {@code additionalProperties} and no {@code properties}), nor no schema at all. Responses without a body (204) and
 * non-JSON bodies (CSV, files, HTML pages, plain text) are recognised by their content type. The failure lists each
 * offending operation with the module whose controller serves it.
 */
@PostgresTest
class OpenApiSchemaTest {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    @Autowired
    Fixtures fixtures;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everySuccessfulJsonResponseHasASchemaWithNamedProperties() {
        Api.Response r = fixtures.operator().get("/v3/api-docs");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode doc = r.json();
        JsonNode schemas = doc.path("components").path("schemas");
        Map<String, String> modules = modulesByOperation();

        Set<String> offenders = new TreeSet<>();
        int checked = 0;
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op == null) continue;
                for (Map.Entry<String, JsonNode> response : op.path("responses").properties()) {
                    if (!response.getKey().startsWith("2")) continue;
                    JsonNode content = response.getValue().get("content");
                    if (content == null || content.isEmpty()) continue; // no body: 204, or a body-less 200/201
                    for (Map.Entry<String, JsonNode> media : content.properties()) {
                        if (!json(media.getKey())) continue; // CSV, files, HTML pages, text
                        checked++;
                        String problem = problem(media.getValue().get("schema"), schemas, new HashSet<>());
                        if (problem != null) {
                            String key = method.toUpperCase(Locale.ROOT) + " " + path.getKey();
                            offenders.add(modules.getOrDefault(key, "?") + ": " + key + " " + response.getKey() + " " + media.getKey()
                                    + " (" + problem + ")");
                        }
                    }
                }
            }
        }
        assertThat(checked).as("JSON responses found in the OpenAPI document").isGreaterThan(50);
        assertThat(offenders).as("API responses without a schema (module: operation):%n%s", String.join("\n", offenders)).isEmpty();
    }

    /** A JSON body, or one springdoc could not type ({@code *}/{@code *}: the controller did not say what it produces). */
    private static boolean json(String mediaType) {
        String m = mediaType.toLowerCase(Locale.ROOT);
        return m.equals("*/*") || m.startsWith("application/json") || m.matches("application/[^;]*\\+json.*");
    }

    /** Why the schema does not describe the body, or null when it does. */
    private static String problem(JsonNode schema, JsonNode schemas, Set<String> seen) {
        if (schema == null || schema.isMissingNode() || schema.isEmpty()) return "no schema";
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            if (!seen.add(name)) return null; // recursive: already being judged
            JsonNode target = schemas.get(name);
            return target == null ? "unresolved " + ref : problem(target, schemas, seen);
        }
        for (String combined : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.has(combined)) {
                for (JsonNode part : schema.get(combined)) {
                    String p = problem(part, schemas, seen);
                    if (p != null) return p;
                }
                return null;
            }
        }
        Set<String> types = types(schema);
        if (types.contains("array")) return problem(schema.get("items"), schemas, seen);
        if (schema.has("properties") && !schema.get("properties").isEmpty()) return null;
        if (types.stream().anyMatch(t -> List.of("string", "integer", "number", "boolean").contains(t))) return null;
        return schema.has("additionalProperties") ? "free-form object (a Map)" : "object without properties";
    }

    private static Set<String> types(JsonNode schema) {
        Set<String> out = new HashSet<>();
        JsonNode t = schema.get("type");
        if (t == null) t = schema.get("types");
        if (t == null) return out;
        if (t.isArray()) t.forEach(x -> out.add(x.asString()));
        else out.add(t.asString());
        return out;
    }

    /** "GET /api/x/{id}" to the module of the controller that serves it ({@code org.fairsend.<module>...}). */
    private Map<String, String> modulesByOperation() {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            String pkg = e.getValue().getBeanType().getPackageName();
            String module = pkg.startsWith("org.fairsend.") ? pkg.substring("org.fairsend.".length()).split("\\.")[0] : pkg;
            List<String> methods = new ArrayList<>();
            e.getKey().getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            if (methods.isEmpty()) methods.addAll(METHODS.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList());
            for (String pattern : e.getKey().getPatternValues()) {
                String path = pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
                for (String m : methods) out.put(m + " " + path, module);
            }
        }
        return out;
    }
}
