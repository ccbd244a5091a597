package org.fairsend.contacts.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.contacts.internal.ImportStore.ImportView;
import org.fairsend.contacts.internal.ImportStore.Rejection;
import org.fairsend.platform.RuleViolation;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/imports}: a file as multipart ({@code file} part) or as the raw body, with its declaration
 * as query parameters ({@code format}, {@code provenance}, {@code provenanceDetail}, {@code listId}). The
 * declaration is checked before the body is read; the file is then written to a temporary file and
 * imported in the background: 202 with the import, whose progress {@code GET /api/imports/{id}} shows.
 */
@RestController
class ImportController {

    private final ImportDeclarations declarations;
    private final ImportJobs imports;
    private final ImportExecutor executor;

    ImportController(ImportDeclarations declarations, ImportJobs imports, ImportExecutor executor) {
        this.declarations = declarations;
        this.imports = imports;
        this.executor = executor;
    }

    @PostMapping(path = "/api/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportView> upload(@RequestParam(required = false) String format, @RequestParam(required = false) String provenance,
            @RequestParam(required = false) String provenanceDetail, @RequestParam(required = false) UUID listId,
            @RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
        UUID account = Caller.current().accountId();
        String fmt = format == null && file != null && file.getOriginalFilename() != null ? formatOf(file.getOriginalFilename()) : format;
        var d = declarations.check(account, new ImportDeclarations.Declaration(fmt, provenance, provenanceDetail, listId));
        if (file == null || file.isEmpty()) throw new RuleViolation("file", "required", "the multipart part 'file' is required");
        Path tmp = Files.createTempFile("fairsend-import-", "." + d.format().code());
        file.transferTo(tmp);
        return start(account, d, tmp);
    }

    @PostMapping(path = "/api/imports")
    ResponseEntity<ImportView> raw(@RequestParam(required = false) String format, @RequestParam(required = false) String provenance,
            @RequestParam(required = false) String provenanceDetail, @RequestParam(required = false) UUID listId,
            HttpServletRequest request) throws IOException {
        UUID account = Caller.current().accountId();
        String fmt = format;
        String ct = request.getContentType();
        if (fmt == null && ct != null && (ct.contains("ndjson") || ct.contains("jsonl") || ct.contains("json"))) fmt = "jsonl";
        var d = declarations.check(account, new ImportDeclarations.Declaration(fmt, provenance, provenanceDetail, listId));
        Path tmp = Files.createTempFile("fairsend-import-", "." + d.format().code());
        try (InputStream in = request.getInputStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.size(tmp) == 0) {
            Files.deleteIfExists(tmp);
            throw new RuleViolation("body", "required", "the request body (the file) is empty");
        }
        return start(account, d, tmp);
    }

    private ResponseEntity<ImportView> start(UUID account, ImportDeclarations.Checked d, Path tmp) {
        ImportView v = imports.create(account, d);
        executor.runInBackground(v, tmp);
        return ResponseEntity.accepted().location(URI.create("/api/imports/" + v.id())).body(v);
    }

    static String formatOf(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json") ? "jsonl" : "csv";
    }

    @GetMapping("/api/imports")
    List<ImportView> list() {
        return imports.list(Caller.current().accountId());
    }

    @GetMapping("/api/imports/{id}")
    ImportView get(@PathVariable UUID id) {
        return imports.get(Caller.current().accountId(), id);
    }

    @GetMapping("/api/imports/{id}/rejections")
    List<Rejection> rejections(@PathVariable UUID id, @RequestParam(defaultValue = "0") long afterLine,
            @RequestParam(defaultValue = "1000") int limit) {
        if (limit < 1 || limit > 10_000) throw new RuleViolation("limit", "range", "limit must be between 1 and 10000");
        return imports.rejections(Caller.current().accountId(), id, afterLine, limit);
    }
}
