package org.fairsend.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An independent DKIM verifier for tests: Python's dkimpy (Debian {@code python3-dkim}), given the key
 * records through its {@code dnsfunc}. Missing dkimpy fails loudly; it is never a reason to skip.
 */
public final class Dkimpy {

    private static final String SCRIPT = """
            import sys
            try:
                import dkim
            except ImportError:
                print("NO-DKIMPY"); sys.exit(3)
            records = {sys.argv[i].lower(): sys.argv[i + 1] for i in range(2, len(sys.argv), 2)}
            def dnsfunc(name, timeout=5):
                n = name.decode() if isinstance(name, bytes) else name
                v = records.get(n.rstrip('.').lower())
                return v.encode() if v is not None else None
            msg = open(sys.argv[1], 'rb').read()
            d = dkim.DKIM(msg)
            head = b'\\r\\n' + msg.split(b'\\r\\n\\r\\n', 1)[0].lower()
            count = head.count(b'\\r\\ndkim-signature:')
            def one(i):
                try:
                    return bool(d.verify(idx=i, dnsfunc=dnsfunc))
                except dkim.ValidationError:
                    return False
            print(" ".join(str(one(i)) for i in range(count)))
            """;

    private Dkimpy() {}

    /** Whether each DKIM-Signature of the message verifies, in header order; {@code records}: DNS name -> TXT value. */
    public static List<Boolean> verify(byte[] message, Map<String, String> records) {
        try {
            Path file = Files.createTempFile("dkim-", ".eml");
            try {
                Files.write(file, message);
                String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
                List<String> cmd = new ArrayList<>(List.of(python, "-c", SCRIPT, file.toString()));
                records.forEach((k, v) -> {
                    cmd.add(k);
                    cmd.add(v);
                });
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                if (out.contains("NO-DKIMPY")) {
                    throw new AssertionError("the independent DKIM verifier is missing: install Debian's python3-dkim (apt-get install -y python3-dkim)");
                }
                assertThat(p.exitValue()).as("dkimpy output: %s", out).isZero();
                String last = out.lines().reduce((a, b) -> b).orElse("");
                if (last.isBlank()) return List.of();
                return Arrays.stream(last.split(" ")).map(s -> switch (s) {
                    case "True" -> true;
                    case "False" -> false;
                    default -> throw new AssertionError("unexpected dkimpy output: " + out);
                }).toList();
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run python3 for dkimpy: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
