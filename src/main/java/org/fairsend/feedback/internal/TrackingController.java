package org.fairsend.feedback.internal;

import org.fairsend.feedback.EngagementType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.fairsend.delivery.MessageLinks;
import org.fairsend.delivery.SentMessage;
import org.fairsend.delivery.SentMessages;
import org.fairsend.platform.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * The open pixel ({@code /o/{token}}) and the click redirect ({@code /c/{token}}). Both tokens are signed;
 * the click's target travels inside its token, so the redirect can only go where the message linked (never
 * an open redirect).
 */
@Controller
class TrackingController {

    private static final Logger log = LoggerFactory.getLogger(TrackingController.class);
    static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final MessageLinks links;
    private final SentMessages messages;
    private final FeedbackRecorder recorder;
    private final EngagementFilter filter;

    TrackingController(MessageLinks links, SentMessages messages, FeedbackRecorder recorder, EngagementFilter filter) {
        this.links = links;
        this.messages = messages;
        this.recorder = recorder;
        this.filter = filter;
    }

    @RequestMapping(path = "/o/{token}", method = {RequestMethod.GET, RequestMethod.HEAD})
    ResponseEntity<byte[]> open(@PathVariable String token, HttpServletRequest req) {
        try {
            Optional<SentMessage> m = messages.find(links.messageOf("open", stripExtension(token)));
            if (m.isPresent()) {
                String ua = req.getHeader(HttpHeaders.USER_AGENT);
                // a person's open or a machine's (privacy proxy, scanner), recorded with the verdict
                var v = filter.open(req.getRemoteAddr(), ua, req.getMethod());
                recorder.engagement(m.get(), EngagementType.OPEN, null, req.getRemoteAddr(), ua, v.cls(), v.signal());
            }
        } catch (Tokens.InvalidToken e) {
            // a broken image would only show the recipient an error: the pixel is served, nothing recorded
            log.debug("invalid open token: {}", e.failure());
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore().mustRevalidate()).header("Pragma", "no-cache")
                .header(HttpHeaders.EXPIRES, "0").contentType(MediaType.IMAGE_GIF).body(PIXEL);
    }

    @RequestMapping(path = "/c/{token}", method = {RequestMethod.GET, RequestMethod.HEAD})
    ResponseEntity<?> click(@PathVariable String token, HttpServletRequest req) {
        MessageLinks.Click click = links.click(token); // InvalidToken: 400 page (FeedbackErrors)
        String target = click.target();
        String scheme = target.contains(":") ? target.substring(0, target.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("mailto") && !scheme.equals("tel")) {
            throw new Tokens.InvalidToken(Tokens.Failure.MALFORMED);
        }
        messages.find(click.messageId()).ifPresent(m -> {
            String ua = req.getHeader(HttpHeaders.USER_AGENT);
            var v = filter.click(m, target, req.getRemoteAddr(), ua, req.getMethod());
            recorder.engagement(m, EngagementType.CLICK, target, req.getRemoteAddr(), ua, v.cls(), v.signal());
        });
        return ResponseEntity.status(302).header(HttpHeaders.LOCATION, target).cacheControl(CacheControl.noStore()).build();
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(Tokens.InvalidToken.class)
    org.springframework.web.servlet.ModelAndView invalid(Tokens.InvalidToken e) {
        var mv = new org.springframework.web.servlet.ModelAndView("consent/error");
        mv.setStatus(org.springframework.http.HttpStatus.BAD_REQUEST);
        mv.addObject("title", "This link is not valid");
        mv.addObject("message", "The link is incomplete or was altered, so it leads nowhere. Open the link from the message itself.");
        return mv;
    }

    private static String stripExtension(String token) {
        return token.endsWith(".gif") ? token.substring(0, token.length() - 4) : token;
    }
}
