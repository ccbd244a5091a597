package org.fairsend.platform.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * A streamed body read past its endpoint's cap ({@link BodyLimitFilter}) is 413, whether the reader let
 * {@link BodyTooLarge} through or a message converter wrapped it as "not readable". Ahead of the other advice (which
 * would make the wrapped case a 400); any other unreadable body goes on to Spring's problem-details handler as before.
 * The answer carries its length, so a client still sending the rest takes it whole before the connection closes.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodyTooLargeAdvice {

    private final ObjectProvider<ResponseEntityExceptionHandler> standard;

    BodyTooLargeAdvice(ObjectProvider<ResponseEntityExceptionHandler> standard) {
        this.standard = standard;
    }

    @ExceptionHandler(BodyTooLarge.class)
    ResponseEntity<byte[]> tooLarge(BodyTooLarge e) {
        byte[] body = FilterProblems.json(HttpStatus.CONTENT_TOO_LARGE.value(), "Content Too Large", e.getMessage(), "body", "size");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).header("Connection", "close")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).contentLength(body.length).body(body);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<?> unreadable(HttpMessageNotReadableException e, WebRequest request) throws Exception {
        BodyTooLarge tooLarge = BodyTooLarge.in(e);
        if (tooLarge != null) return tooLarge(tooLarge);
        ResponseEntityExceptionHandler handler = standard.getIfUnique();
        if (handler == null) throw e;
        return handler.handleException(e, request);
    }
}
