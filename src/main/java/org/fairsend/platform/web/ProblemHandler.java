package org.fairsend.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Every API error as RFC 9457 problem+json. Rule violations carry {@code errors}: a list of
 * {@code {field, rule, message}} so a client can point at the offending input and the SPEC rule.
 */
@RestControllerAdvice
public class ProblemHandler {

    static final URI RULE_TYPE = URI.create("https://fairsend.org/problems/rule-violation");

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> rule(RuleViolation e) {
        return problem(HttpStatus.valueOf(e.status()), RULE_TYPE, "Rule violation", e.getMessage(),
                e.violations().stream().map(ProblemHandler::row).toList());
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<ProblemDetail> notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, URI.create("about:blank"), "Not Found", e.getMessage(), List.of());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
        var rows = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.<String, Object>of("field", f.getField(), "rule",
                        f.getCode() == null ? "valid" : f.getCode(), "message",
                        f.getDefaultMessage() == null ? "invalid" : f.getDefaultMessage()))
                .toList();
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, RULE_TYPE, "Rule violation",
                rows.isEmpty() ? "invalid input" : rows.getFirst().get("field") + ": " + rows.getFirst().get("message"), rows);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        String msg = e.getMostSpecificCause().getMessage();
        if (msg != null && msg.length() > 300) msg = msg.substring(0, 300);
        return problem(HttpStatus.BAD_REQUEST, RULE_TYPE, "Malformed request body", msg,
                List.of(Map.of("field", "body", "rule", "json", "message", "the body is not valid JSON of the expected shape")));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParam(MissingServletRequestParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, RULE_TYPE, "Missing parameter", e.getMessage(),
                List.of(Map.of("field", e.getParameterName(), "rule", "required", "message", "is required")));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return problem(HttpStatus.BAD_REQUEST, RULE_TYPE, "Missing header", e.getMessage(),
                List.of(Map.of("field", e.getHeaderName(), "rule", "required", "message", "is required")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, RULE_TYPE, "Invalid parameter", e.getName() + " has an invalid value",
                List.of(Map.of("field", e.getName(), "rule", "type", "message", "has an invalid value")));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, RULE_TYPE, "Upload too large", e.getMessage(),
                List.of(Map.of("field", "file", "rule", "size", "message", "exceeds the upload limit")));
    }

    private static Map<String, Object> row(RuleViolation.Violation v) {
        return Map.of("field", v.field(), "rule", v.rule(), "message", v.message());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, URI type, String title, String detail,
            List<Map<String, Object>> errors) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(type);
        p.setTitle(title);
        if (!errors.isEmpty()) p.setProperty("errors", errors);
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
