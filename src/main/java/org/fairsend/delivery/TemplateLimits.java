package org.fairsend.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The budget of every template render (issue 13: an account's template is hostile data, see {@link Templates}). A
 * render over any of them is refused with the rule {@code template-budget}: a blocking preflight finding, a 422 from
 * the API, a failed message with the reason at send time; never a hung worker, preview or request.
 *
 * @param timeout wall-clock time one render (one part of one message for one recipient) may take
 * @param maxLoopIterations iterations of all {@code for} loops together in one render
 * @param maxNodes template pieces (text, expressions, tags) rendered in one render: bounds loops and macros calling
 *     each other
 * @param maxOutputChars characters one render may produce, and the most one value (a string, a list with all it holds)
 *     may weigh
 * @param maxDataChars characters of data one render may touch in all: every value it reads, passes to a filter or
 *     method, or gets back (bounds the memory a render can make the server allocate)
 * @param maxListSize items in one list or dictionary a template builds or reads
 * @param rangeLimit numbers one {@code range()} yields at most (Jinjava's own cap)
 * @param maxMacroDepth how deep a macro may call itself
 * @param maxNesting how deep tags may be nested in the template's source
 */
@ConfigurationProperties("fairsend.templates")
public record TemplateLimits(Duration timeout, Integer maxLoopIterations, Integer maxNodes, Integer maxOutputChars,
        Integer maxDataChars, Integer maxListSize, Integer rangeLimit, Integer maxMacroDepth, Integer maxNesting) {

    public TemplateLimits {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) timeout = Duration.ofSeconds(1);
        if (maxLoopIterations == null || maxLoopIterations < 1) maxLoopIterations = 20_000;
        if (maxNodes == null || maxNodes < 1) maxNodes = 100_000;
        if (maxOutputChars == null || maxOutputChars < 1) maxOutputChars = 2_000_000;
        if (maxDataChars == null || maxDataChars < 1) maxDataChars = 10_000_000;
        if (maxListSize == null || maxListSize < 1) maxListSize = 10_000;
        if (rangeLimit == null || rangeLimit < 1) rangeLimit = 1_000;
        if (maxMacroDepth == null || maxMacroDepth < 1) maxMacroDepth = 10;
        if (maxNesting == null || maxNesting < 1) maxNesting = 40;
    }

    /** The defaults (tests and tools outside Spring). */
    public static TemplateLimits defaults() {
        return new TemplateLimits(null, null, null, null, null, null, null, null, null);
    }
}
