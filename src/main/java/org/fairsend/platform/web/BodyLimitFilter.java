package org.fairsend.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps every request body before anything reads it (issue 13), per {@link EndpointClass}: a declared
 * {@code Content-Length} over the cap is answered 413 at once, unread (the connection is then closed rather than
 * drained); a body without one (chunked) is read through a stream that throws {@link BodyTooLarge} past the cap, which
 * becomes 413 whoever was reading. Form and multipart bodies are parsed by the servlet container itself, beyond any
 * wrapper: outside the upload endpoints they must declare their length (411 otherwise; browsers and providers always
 * do). Runs before Spring Security and every controller.
 */
class BodyLimitFilter extends OncePerRequestFilter {

    private final WebLimits limits;

    BodyLimitFilter(WebLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws ServletException, IOException {
        EndpointClass endpoint = EndpointClass.of(req);
        long cap = limits.maxBody(endpoint);
        long declared = req.getContentLengthLong();
        if (declared > cap) {
            refuse(res, cap);
            return;
        }
        boolean streamed = declared < 0 && req.getHeader("Transfer-Encoding") != null;
        if (!streamed) {
            chain.doFilter(req, res);
            return;
        }
        if (endpoint != EndpointClass.UPLOAD && parsedByContainer(req.getContentType())) {
            res.setHeader("Connection", "close");
            FilterProblems.write(res, HttpServletResponse.SC_LENGTH_REQUIRED, "Length Required",
                    "a form body must declare its Content-Length on this endpoint", "Content-Length", "required");
            return;
        }
        try {
            chain.doFilter(new Capped(req, cap), res);
        } catch (IOException | ServletException | RuntimeException e) {
            BodyTooLarge tooLarge = BodyTooLarge.in(e);
            if (tooLarge == null || res.isCommitted()) throw e;
            res.reset();
            refuse(res, tooLarge.cap());
        }
    }

    private static boolean parsedByContainer(String contentType) {
        if (contentType == null) return false;
        String ct = contentType.toLowerCase(Locale.ROOT);
        return ct.startsWith("application/x-www-form-urlencoded") || ct.startsWith("multipart/");
    }

    static void refuse(HttpServletResponse res, long cap) throws IOException {
        res.setHeader("Connection", "close");
        FilterProblems.write(res, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Content Too Large",
                BodyTooLarge.message(cap), "body", "size");
    }

    /** The request with a body that cannot be read past the cap, whichever way it is read. */
    private static final class Capped extends HttpServletRequestWrapper {
        private final long cap;
        private ServletInputStream stream;
        private BufferedReader reader;

        Capped(HttpServletRequest request, long cap) {
            super(request);
            this.cap = cap;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (reader != null) throw new IllegalStateException("getReader() was already called");
            if (stream == null) stream = new CappedStream(super.getInputStream(), cap);
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                if (stream != null) throw new IllegalStateException("getInputStream() was already called");
                String enc = getCharacterEncoding();
                Charset charset = enc == null ? StandardCharsets.ISO_8859_1 : Charset.forName(enc);
                reader = new BufferedReader(new InputStreamReader(new CappedStream(super.getInputStream(), cap), charset));
            }
            return reader;
        }
    }

    private static final class CappedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long cap;
        private long read;

        CappedStream(ServletInputStream in, long cap) {
            this.in = in;
            this.cap = cap;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            // never ask for more than one byte past the cap: what lies beyond is not read at all
            int n = in.read(buf, off, (int) Math.min(len, Math.max(1, cap - read + 1)));
            if (n > 0) count(n);
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > cap) throw new BodyTooLarge(cap);
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
