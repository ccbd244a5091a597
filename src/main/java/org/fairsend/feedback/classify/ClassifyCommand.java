package org.fairsend.feedback.classify;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fairsend.platform.cli.FairsendCommand;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code fairsend classify FILE...}: one JSON object per line and per recipient the message reports on, e.g.
 * {@code {"file":"b.eml","kind":"hard","recipient":"a@example.org","status":"5.1.1","reason":"user_unknown"}}.
 */
@Component
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Classify bounce, complaint and auto-reply messages (raw RFC 5322 files); one JSON line per recipient.")
class ClassifyCommand implements FairsendCommand, Callable<Integer> {

    /** Built when a file is classified, not when the command is only described ({@code --help} loads no Jackson). */
    private static final class Json {
        static final JsonMapper MAPPER = JsonMapper.builder().build();
    }

    private final BounceClassifier classifier;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Message files (.eml) to classify.")
    List<Path> files = List.of();

    ClassifyCommand(BounceClassifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public Integer call() {
        return run(files, System.out, System.err);
    }

    int run(List<Path> paths, PrintStream out, PrintStream err) {
        int status = 0;
        for (Path p : paths) {
            byte[] raw;
            try {
                raw = Files.readAllBytes(p);
            } catch (IOException e) {
                err.println(p + ": " + e.getMessage());
                status = 1;
                continue;
            }
            for (Classification c : classifier.classify(raw)) {
                out.println(Json.MAPPER.writeValueAsString(line(p.toString(), c)));
            }
        }
        out.flush();
        return status;
    }

    static Map<String, Object> line(String file, Classification c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("kind", c.kind().label());
        m.put("recipient", c.recipient());
        m.put("status", c.status());
        m.put("reason", c.reason());
        if (c.replyCode() != null) {
            m.put("replyCode", c.replyCode());
        }
        if (c.feedbackType() != null) {
            m.put("feedbackType", c.feedbackType());
        }
        if (c.originalMessageId() != null) {
            m.put("originalMessageId", c.originalMessageId());
        }
        if (c.originalSender() != null) {
            m.put("originalSender", c.originalSender());
        }
        if (c.diagnostic() != null) {
            m.put("diagnostic", c.diagnostic());
        }
        return m;
    }
}
