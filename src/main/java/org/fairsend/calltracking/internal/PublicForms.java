package org.fairsend.calltracking.internal;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public form endpoint of a medium, {@code POST /t/{token}/form}: posted from the account's own web
 * page or landing page, as an HTML form or JSON; every field is kept and forwarded to the account.
 */
@RestController
class PublicForms {

    private final ContactIntake intake;

    PublicForms(ContactIntake intake) {
        this.intake = intake;
    }

    /** What a posted form answers (JSON): the id of the contact kept, and {@code received}. */
    record Received(UUID id, String status) {}

    /** An HTML form post: a browser that asks for HTML gets a short thank-you page, anything else JSON. */
    @PostMapping(value = "/t/{token}/form", consumes = "application/x-www-form-urlencoded")
    @ApiResponse(responseCode = "201", description = "the contact is kept and forwarded", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = Received.class)),
            @Content(mediaType = "text/html")})
    ResponseEntity<?> form(@PathVariable String token, HttpServletRequest req) {
        Map<String, String> fields = new LinkedHashMap<>();
        req.getParameterMap().forEach((k, v) -> fields.put(k, String.join(", ", v)));
        UUID id = intake.form(token, fields, req.getRemoteAddr());
        String accept = req.getHeader("Accept");
        if (accept != null && accept.contains("text/html")) {
            return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.TEXT_HTML).body("""
                    <!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Merci</title></head>
                    <body><p>Merci, votre message a bien été transmis.</p><p>Thank you, your message was sent.</p></body></html>""");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(received(id));
    }

    @PostMapping(value = "/t/{token}/form", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    Received json(@PathVariable String token, @RequestBody Map<String, Object> body, HttpServletRequest req) {
        Map<String, String> fields = new LinkedHashMap<>();
        body.forEach((k, v) -> fields.put(k, v == null ? null : String.valueOf(v)));
        return received(intake.form(token, fields, req.getRemoteAddr()));
    }

    private static Received received(UUID id) {
        return new Received(id, "received");
    }
}
