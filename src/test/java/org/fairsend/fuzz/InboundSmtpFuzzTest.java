package org.fairsend.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fairsend.feedback.classify.Corpus;
import org.fairsend.feedback.internal.InboundSmtpPort;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 13: arbitrary and mutated messages (corpus bounces with {@link Mutations}, random bytes) sent through real
 * SMTP sessions to the running inbound listener: each is answered (stored and processed inline: 250; over the size
 * limit: 552; never a dropped connection), and afterwards the listener still accepts a normal session and stores it
 * (it never stops). The feedback-loop address takes anything, so the classifier sees every message.
 */
@PostgresTest
class InboundSmtpFuzzTest {

    static final int TRIES = Integer.getInteger("fairsend.fuzz.smtp-tries", 25);

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    /** One SMTP session that sends {@code message}; the reply to the end of DATA. */
    static String session(int port, byte[] message) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(60_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            expect(reply(in), "220");
            command(out, "EHLO fuzz.example");
            expect(reply(in), "250");
            command(out, "MAIL FROM:<fuzz@fuzz.example>");
            expect(reply(in), "250");
            command(out, "RCPT TO:<fbl@bounces.fairsend.localhost>");
            expect(reply(in), "250");
            command(out, "DATA");
            expect(reply(in), "354");
            out.write(dotStuffed(message));
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String end = reply(in);
            command(out, "QUIT");
            return end;
        }
    }

    static void command(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    static void expect(String reply, String code) {
        assertThat(reply).startsWith(code);
    }

    /** The whole reply (its last line begins "nnn "). */
    static String reply(InputStream in) throws IOException {
        StringBuilder all = new StringBuilder();
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') line.write(b);
            String l = line.toString(StandardCharsets.US_ASCII).strip();
            all.append(l).append('\n');
            if (b < 0 || l.length() < 4 || l.charAt(3) != '-') return all.toString();
        }
    }

    /** Line ends as CRLF (what a sending MTA does) and a leading dot doubled (RFC 5321 4.5.2), ending with CRLF. */
    static byte[] dotStuffed(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (b == '\r' || b == '\n') {
                if (b == '\r' && i + 1 < message.length && message[i + 1] == '\n') i++;
                out.write('\r');
                out.write('\n');
                lineStart = true;
                continue;
            }
            if (lineStart && b == '.') out.write('.');
            out.write(b);
            lineStart = false;
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    static List<byte[]> corpus() throws IOException {
        try (var files = java.nio.file.Files.walk(Corpus.bounces().resolve("eml"))) {
            List<byte[]> out = new ArrayList<>();
            for (var f : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) out.add(java.nio.file.Files.readAllBytes(f));
            return out;
        }
    }

    long stored() {
        return jdbc.sql("select count(*) from inbound_message where source = 'smtp'").query(Long.class).single();
    }

    @Test
    void theListenerAnswersEveryMessageAndKeepsServing() throws Exception {
        int port = InboundSmtpPort.of(context);
        List<byte[]> samples = corpus();
        Gen<Mutations.Mutated> messages = Gens.oneOf(Mutations.of(samples),
                Gens.bytes(4096).map(b -> new Mutations.Mutated("random", List.of(), b)));
        long seed = Fuzz.seed();
        List<String> unanswered = new ArrayList<>();
        long before = stored();
        int[] accepted = {0};
        List<Mutations.Mutated> generated = new ArrayList<>();
        Fuzz.theory(seed).withExamples(TRIES).forAll(messages).checkAssert(generated::add);
        {
            for (Mutations.Mutated m : generated) {
                String reply;
                try {
                    reply = session(port, m.bytes());
                } catch (IOException | AssertionError e) {
                    unanswered.add(m + ": " + e);
                    continue;
                }
                if (reply.startsWith("250")) accepted[0]++;
                else if (!reply.startsWith("552")) unanswered.add(m + ": " + reply.strip());
            }
        }
        assertThat(unanswered).as("seed " + seed).isEmpty();
        assertThat(stored() - before).isEqualTo(accepted[0]);
        // still serving: a plain message is accepted and stored
        long now = stored();
        assertThat(session(port, "From: someone@else.example\r\nSubject: hello\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII)))
                .startsWith("250");
        assertThat(stored()).isEqualTo(now + 1);
        assertThat(jdbc.sql("select count(*) from inbound_message where source = 'smtp' and status = 'received'")
                .query(Long.class).single()).as("every stored message was processed to its end").isZero();
    }
}
