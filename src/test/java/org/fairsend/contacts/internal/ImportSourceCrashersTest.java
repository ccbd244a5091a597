package org.fairsend.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: each file the import fuzzing ({@link ImportSourceFuzzTest}) found to stop an import with an
 * exception (Commons CSV's UncheckedIOException, the reader's MalformedInputException) or to reach PostgreSQL with a
 * NUL, reduced to its smallest form: now the bad line is refused on its own and the next one is read.
 */
class ImportSourceCrashersTest {

    static List<ImportSource.Line> csv(byte[] file) {
        return ImportSourceFuzzTest.read(file, "csv");
    }

    static byte[] bytes(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String p : parts) out.writeBytes(p.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static void refusedThenRead(List<ImportSource.Line> lines, String error) {
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).number()).isEqualTo(2);
        assertThat(lines.get(0).error()).contains(error);
        assertThat(lines.get(1).number()).isEqualTo(3);
        assertThat(lines.get(1).error()).isNull();
        assertThat(lines.get(1).columns()).containsEntry("email", "b@c.example");
    }

    @Test
    void invalidUtf8IsThatLinesError() {
        // MalformedInputException out of the reader: "the import stopped after 0 committed batch(es)"
        refusedThenRead(csv(bytes("email,name\n", "a@b.example,\u00ff\u00fe\n", "b@c.example,ok\n")), "not valid UTF-8");
    }

    @Test
    void textAfterAClosingQuoteIsThatLinesError() {
        // UncheckedIOException "invalid char between encapsulated token and delimiter"
        refusedThenRead(csv(bytes("email,name\n", "\"a@b.example\"x,y\n", "b@c.example,ok\n")), "after the closing quote");
    }

    @Test
    void anUnclosedQuoteIsThatLinesError() {
        // UncheckedIOException "EOF reached before encapsulated token finished", after reading the rest of the file into one value
        refusedThenRead(csv(bytes("email,name\n", "a@b.example,\"never closed\n", "b@c.example,ok\n")), "not closed");
    }

    @Test
    void aNulIsThatLinesError() {
        // reached PostgreSQL ("invalid byte sequence for encoding UTF8: 0x00") and failed the whole batch
        refusedThenRead(csv(bytes("email,name\n", "a@b.example,x\u0000y\n", "b@c.example,ok\n")), "NUL");
        List<ImportSource.Line> json = ImportSourceFuzzTest.read(
                bytes("{\"email\":\"a@b.example\",\"name\":\"x\\u0000y\"}\n{\"email\":\"b@c.example\"}\n"), "jsonl");
        assertThat(json.get(0).error()).contains("NUL");
        assertThat(json.get(1).error()).isNull();
    }

    @Test
    void anOverlongLineIsThatLinesErrorAndIsNotKept() {
        // a 512 MB upload could be one value, read whole into memory
        refusedThenRead(csv(bytes("email,name\n", "a@b.example,\"" + "x".repeat(10 * ImportSource.MAX_LINE) + "\"\n", "b@c.example,ok\n")),
                "longer than");
    }

    @Test
    void aHugeColumnCountIsThatLinesError() {
        refusedThenRead(csv(bytes("email,name\n", ",".repeat(50_000) + "\n", "b@c.example,ok\n")), "more than");
    }

    @Test
    void aBomAndCarriageReturnsAreReadAsBefore() {
        List<ImportSource.Line> lines = csv(bytes("\u00ef\u00bb\u00bfEmail;First Name\r", "a@b.example;Zo\u00c3\u00a9\r", "\r",
                "\"b@c.example\" ;\"multi\r\nline\"\r\n"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).columns()).containsEntry("email", "a@b.example").containsEntry("first_name", "Zoé");
        assertThat(lines.get(1).number()).isEqualTo(4);
        assertThat(lines.get(1).columns()).containsEntry("email", "b@c.example").containsEntry("first_name", "multi\nline");
    }
}
