package org.fairsend.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher (issue 20), after {@code mvn package}: the distribution archive unpacked anywhere answers
 * {@code --help} and {@code --version} without a database, and {@code bin/fairsend} finds a Java 25 even when the
 * {@code java} on the PATH is older, the way the build's toolchain does.
 */
class FairsendLauncherIT {

    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final String VERSION = System.getProperty("fairsend.version", "0.1.0-SNAPSHOT");

    @TempDir static Path unpacked;

    static Path launcher;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = PROJECT.resolve("target/fairsend-" + VERSION + ".tar.gz");
        assertThat(archive).as("built by mvn package").exists();
        var r = run(List.of("tar", "xzf", archive.toString(), "-C", unpacked.toString()), Map.of(), PROJECT);
        assertThat(r.code()).as(r.out()).isZero();
        launcher = unpacked.resolve("fairsend-" + VERSION + "/bin/fairsend");
    }

    /** A database nobody listens on: a command that opened it would fail, not answer. */
    static Map<String, String> noDatabase(Path home) {
        return Map.of("FAIRSEND_DB_URL", "jdbc:postgresql://127.0.0.1:1/nowhere", "HOME", home.toString());
    }

    @Test
    void theUnpackedArchiveAnswersHelpAndVersionWithoutADatabase(@TempDir Path home, @TempDir Path elsewhere) throws Exception {
        var help = run(List.of(launcher.toString(), "--help"), noDatabase(home), elsewhere);
        assertThat(help.code()).as(help.out()).isZero();
        assertThat(help.out()).contains("Usage: fairsend", "Commands:", "serve", "account", "console-user", "import", "consent", "secrets");
        var version = run(List.of(launcher.toString(), "--version"), noDatabase(home), elsewhere);
        assertThat(version.code()).as(version.out()).isZero();
        assertThat(version.out()).contains("fairsend " + VERSION).contains("Java 25");
        var sub = run(List.of(launcher.toString(), "import", "--help"), noDatabase(home), elsewhere);
        assertThat(sub.code()).as(sub.out()).isZero();
        assertThat(sub.out()).contains("--provenance");
        var help2 = run(List.of(launcher.toString(), "help", "account"), noDatabase(home), elsewhere);
        assertThat(help2.out()).contains("create");
        // the second start shares the class data the first one archived
        assertThat(home.resolve(".cache/fairsend")).isDirectoryContaining("glob:**.jsa");
        assertThat(elsewhere.resolve("data")).as("nothing written where it was run").doesNotExist();
    }

    @Test
    void anOlderJavaOnThePathAndInJavaHomeIsPassedOverForTheJdk25TheToolchainsDeclare(@TempDir Path dir) throws Exception {
        Path old = fakeJdk(dir.resolve("jdk-17"), "17.0.15", "echo 'the old java ran' >&2; exit 3");
        Path jdk25 = fakeJdk(dir.resolve("temurin-25"), "25.0.1", "echo \"java 25 ran with: $*\"");
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve(".m2"));
        Files.writeString(home.resolve(".m2/toolchains.xml"), """
                <toolchains><toolchain><type>jdk</type><provides><version>25</version></provides>
                <configuration><jdkHome> %s </jdkHome></configuration></toolchain></toolchains>
                """.formatted(jdk25));
        var r = run(List.of(launcher.toString(), "--version"),
                Map.of("PATH", old.resolve("bin") + ":/usr/bin:/bin", "JAVA_HOME", old.toString(), "HOME", home.toString()), dir);
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).doesNotContain("the old java ran").contains("java 25 ran with:").contains("-jar " + unpacked.resolve("fairsend-" + VERSION + "/app/fairsend.jar"))
                .endsWith("--version\n");
    }

    static Path fakeJdk(Path home, String version, String script) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    record Result(int code, String out) {}

    static Result run(List<String> command, Map<String, String> env, Path dir) throws Exception {
        var pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("FAIRSEND_JAVA_HOME");
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
