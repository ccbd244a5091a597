package org.fairsend.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fairsend.contacts.ContactBook;
import org.fairsend.contacts.ContactImports;
import org.fairsend.platform.CsvCells;
import org.fairsend.platform.RuleViolation;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Imports: upload with the declared provenance, a progress bar while it runs, the per-line rejection report. */
@Controller
class ImportPages implements ConsolePage {

    static final int REPORT_LINES = 1000;

    private final ContactImports imports;
    private final ContactBook book;

    ImportPages(ContactImports imports, ContactBook book) {
        this.imports = imports;
        this.book = book;
    }

    private static UUID account() {
        return ConsoleAdvice.me().account();
    }

    @GetMapping("/console/imports")
    String list(Model model) {
        UUID a = account();
        model.addAttribute("title", "Imports");
        model.addAttribute("imports", imports.imports(a));
        model.addAttribute("lists", book.lists(a));
        return "console/imports";
    }

    @PostMapping("/console/imports")
    String upload(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String provenance,
            @RequestParam(required = false) String provenanceDetail, @RequestParam(required = false) String list,
            @RequestParam(required = false) String newList, Model model) throws IOException {
        UUID a = account();
        List<RuleViolation.Violation> errors = new ArrayList<>();
        if (file == null || file.isEmpty()) errors.add(new RuleViolation.Violation("file", "required", "choose a CSV or JSON-lines file"));
        if (provenance == null || provenance.isBlank()) {
            errors.add(new RuleViolation.Violation("provenance", "R-6", "say where the addresses come from"));
        }
        if (errors.isEmpty()) {
            try {
                UUID listId = null;
                if (newList != null && !newList.isBlank()) listId = book.createList(a, newList.strip(), null).id();
                else if (list != null && !list.isBlank()) listId = UUID.fromString(list);
                String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().toLowerCase(java.util.Locale.ROOT);
                String format = name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json") ? "jsonl" : "csv";
                Path tmp = Files.createTempFile("fairsend-console-import-", "." + format);
                file.transferTo(tmp);
                var started = imports.start(a, new ContactImports.Declaration(format, provenance, provenanceDetail, listId), tmp);
                return "redirect:/console/imports/" + started.id();
            } catch (RuleViolation e) {
                errors.addAll(e.violations());
            } catch (IllegalArgumentException e) {
                errors.add(new RuleViolation.Violation("list", "uuid", "unknown list"));
            }
        }
        model.addAttribute("errors", errors);
        return list(model);
    }

    @GetMapping("/console/imports/{id}")
    String show(@PathVariable UUID id, Model model) {
        UUID a = account();
        fillProgress(a, id, model);
        model.addAttribute("title", "Import");
        model.addAttribute("rejections", imports.rejections(a, id, 0, REPORT_LINES));
        model.addAttribute("reportLimit", REPORT_LINES);
        return "console/import";
    }

    /** htmx: the progress while running; once done the answer no longer polls and the page reloads its report. */
    @GetMapping("/console/imports/{id}/progress")
    String progress(@PathVariable UUID id, Model model, jakarta.servlet.http.HttpServletResponse response) {
        fillProgress(account(), id, model);
        var s = (ContactImports.ImportStatus) model.getAttribute("imp");
        if (s.status() != ContactImports.Status.RUNNING) response.setHeader("HX-Refresh", "true");
        return "console/import-parts :: progress";
    }

    private void fillProgress(UUID a, UUID id, Model model) {
        model.addAttribute("imp", imports.importStatus(a, id));
    }

    /** The whole rejection report as CSV (line, field, reason). */
    @GetMapping("/console/imports/{id}/rejections.csv")
    ResponseEntity<byte[]> rejections(@PathVariable UUID id) {
        UUID a = account();
        StringBuilder csv = new StringBuilder("line,field,reason\n");
        long after = 0;
        while (true) {
            var page = imports.rejections(a, id, after, 5000);
            for (var r : page) {
                csv.append(r.line()).append(',').append(cell(r.field())).append(',').append(cell(r.reason())).append('\n');
                after = r.line();
            }
            if (page.size() < 5000) break;
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("rejections-" + id + ".csv").build().toString())
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Every cell quoted; one a spreadsheet would read as a formula prefixed ({@link CsvCells#formulaSafe}). */
    private static String cell(String s) {
        if (s == null) return "";
        return "\"" + CsvCells.formulaSafe(s).replace("\"", "\"\"") + "\"";
    }
}
