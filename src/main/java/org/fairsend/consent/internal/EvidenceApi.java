package org.fairsend.consent.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairsend.accounts.Caller;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The evidence pack as JSON and as a printable page. */
@Controller
class EvidenceApi {

    private final EvidencePacks packs;
    private final ObjectMapper json;

    EvidenceApi(EvidencePacks packs, ObjectMapper json) {
        this.packs = packs;
        this.json = json;
    }

    @GetMapping(path = "/api/evidence", produces = "application/json")
    @ResponseBody
    EvidencePacks.Pack pack(@RequestParam String address) {
        return packs.build(Caller.current().accountId(), address);
    }

    /** One item as label/value rows, nulls left out; nested values as compact JSON. */
    record Row(String label, String value) {}

    record Section(String name, List<List<Row>> items) {}

    @GetMapping(path = "/api/evidence.html", produces = "text/html")
    ModelAndView page(@RequestParam String address) {
        EvidencePacks.Pack pack = packs.build(Caller.current().accountId(), address);
        ModelAndView mv = new ModelAndView("consent/evidence");
        mv.addObject("pack", pack);
        mv.addObject("records", pack.consentRecords().stream().map(this::rows).toList());
        mv.addObject("states", pack.consentStates().stream().map(this::rows).toList());
        List<Section> sections = new ArrayList<>();
        pack.sections().forEach((name, items) -> sections.add(new Section(name, items.stream().map(this::rows).toList())));
        mv.addObject("sections", sections);
        return mv;
    }

    private List<Row> rows(Object item) {
        JsonNode node = json.valueToTree(item);
        List<Row> rows = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getValue() == null || e.getValue().isNull()) continue;
                rows.add(new Row(e.getKey(), e.getValue().isValueNode() ? e.getValue().asString() : e.getValue().toString()));
            }
        } else {
            rows.add(new Row("value", node.isValueNode() ? node.asString() : node.toString()));
        }
        return rows;
    }
}
