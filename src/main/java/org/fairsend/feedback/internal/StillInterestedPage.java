package org.fairsend.feedback.internal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Where a re-permission campaign's "yes, keep writing to me" link lands. The page itself records nothing: the
 * tracked click that led here ({@code /c/{token}}, {@link TrackingController}) is the evidence, classified like any
 * click (a scanner's follow does not count), and a person's click makes the contact engaged again.
 */
@Controller
class StillInterestedPage {

    static final String PATH = "/still-interested";

    @GetMapping(PATH)
    String page() {
        return "feedback/still-interested";
    }
}
