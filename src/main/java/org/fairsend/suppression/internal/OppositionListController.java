package org.fairsend.suppression.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fairsend.accounts.Caller;
import org.fairsend.platform.Addresses;
import org.fairsend.suppression.OppositionList;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The operator's import of the national opposition list, streamed from the request body. */
@RestController
class OppositionListController {

    private final OppositionList list;

    OppositionListController(OppositionList list) {
        this.list = list;
    }

    @PostMapping(path = "/api/operator/opposition-list", consumes = {"text/plain", "text/csv", "application/octet-stream"})
    @ResponseStatus(HttpStatus.CREATED)
    OppositionList.Import importList(HttpServletRequest request, @RequestParam(required = false) String source,
            @RequestParam(required = false) String mode) throws IOException {
        return list.importList(new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8), source, mode,
                Caller.current().actor());
    }

    /** The list in force: how many numbers, and the latest imports. */
    record ListStatus(long numbers, List<OppositionList.Import> imports) {}

    /** Whether a number (E.164) is on the list in force. */
    record NumberCheck(String number, boolean opposed) {}

    @GetMapping("/api/operator/opposition-list")
    ListStatus status() {
        return new ListStatus(list.size(), list.imports(20));
    }

    @GetMapping("/api/operator/opposition-list/check")
    NumberCheck check(@RequestParam String number) {
        String e164 = Addresses.phone(number, "FR", "number").e164();
        return new NumberCheck(e164, list.isOpposed(e164));
    }
}
