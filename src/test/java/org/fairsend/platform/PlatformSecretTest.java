package org.fairsend.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.FairsendApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Issue 13, secrets out of the database: the embedded default generates its secret into an owner-only file beside
 * the data (and moves an older install's database copy there once); a rotation keeps the old secret's tokens and
 * sealed values working; and {@code serve} on PostgreSQL without {@code FAIRSEND_SECRET} refuses to start, saying
 * what to set and how to generate it.
 */
@ExtendWith(OutputCaptureExtension.class)
class PlatformSecretTest {

    @TempDir Path data;
    private JdbcClient jdbc;
    private Database h2;

    @BeforeEach
    void embeddedDatabase() throws Exception {
        var ds = new DriverManagerDataSource("jdbc:h2:mem:secret-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "sa", "");
        jdbc = JdbcClient.create(ds);
        // the table as V6 creates it, where versions before issue 13 kept the secret
        jdbc.sql("create table platform_setting (name varchar(100) primary key, setting_value varchar(4000) not null, "
                + "created_at timestamp with time zone not null)").update();
        h2 = new Database(ds);
    }

    private PlatformSecret secret(String configured, String previous) {
        return new PlatformSecret(new FairsendProperties(FairsendProperties.Mode.SERVE, null, configured, null, previous, data.resolve("fairsend.key"), null), h2, jdbc);
    }

    private static Tokens tokens(PlatformSecret secret) {
        return new Tokens(secret, Clock.systemUTC());
    }

    private static final Instant LATER = Instant.now().plusSeconds(3600);

    @Test
    void theEmbeddedDefaultGeneratesItsSecretIntoAFileOnlyItsOwnerCanRead() throws Exception {
        Path key = data.resolve("fairsend.key");
        assertThat(key).doesNotExist();
        String token = tokens(secret(null, null)).sign("unsubscribe", "42", LATER);

        assertThat(key).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(key).strip()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(jdbc.sql("select count(*) from platform_setting").query(Long.class).single()).isZero();
        // the next start reads the same secret: links already mailed still open
        assertThat(tokens(secret(null, null)).verify("unsubscribe", token)).isEqualTo("42");
        // a key file left readable by others is tightened
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        tokens(secret(null, null)).sign("unsubscribe", "43", LATER);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void anOlderInstallsSecretMovesFromTheDatabaseToTheFileOnceAndWhatItSignedStillOpens() throws Exception {
        String legacy = Hashing.randomToken(32);
        jdbc.sql("insert into platform_setting (name, setting_value, created_at) values ('token-secret', ?, ?)")
                .params(legacy, Timestamp.from(Instant.now())).update();
        // what the older version signed and sealed with it (its key was the same secret's bytes)
        PlatformSecret before = new PlatformSecret(new FairsendProperties(FairsendProperties.Mode.CLI, null, legacy, null, null, data.resolve("elsewhere.key"), null),
                h2, jdbc) {
            @Override
            Optional<String> legacy() {
                return Optional.empty(); // as the older version read it, without moving anything
            }
        };
        String link = tokens(before).sign("confirm", "abc", LATER);
        String sealed = new Secrets(tokens(before)).seal("dkim-rsa-private-key", "private key".getBytes());

        PlatformSecret now = secret(null, null);
        assertThat(tokens(now).verify("confirm", link)).isEqualTo("abc");
        assertThat(new String(new Secrets(tokens(now)).open("dkim-rsa-private-key", sealed))).isEqualTo("private key");
        assertThat(Files.readString(data.resolve("fairsend.key")).strip()).isEqualTo(legacy);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("fairsend.key")))).isEqualTo("rw-------");
        assertThat(jdbc.sql("select count(*) from platform_setting where name = 'token-secret'").query(Long.class).single()).isZero();
    }

    @Test
    void aRotatedSecretStillVerifiesAndOpensWhatThePreviousOneMadeUntilResealed() {
        String old = Hashing.randomToken(32);
        String fresh = Hashing.randomToken(32);
        Tokens before = tokens(secret(old, null));
        String link = before.sign("unsubscribe", "7", LATER);
        String sealed = new Secrets(before).seal("dkim-rsa-private-key", "the key".getBytes());

        Tokens afterWithoutPrevious = tokens(secret(fresh, null));
        assertThatThrownBy(() -> afterWithoutPrevious.verify("unsubscribe", link)).isInstanceOf(Tokens.InvalidToken.class);
        assertThatThrownBy(() -> new Secrets(afterWithoutPrevious).open("dkim-rsa-private-key", sealed)).isInstanceOf(IllegalStateException.class);

        Tokens rotating = tokens(secret(fresh, old));
        assertThat(rotating.verify("unsubscribe", link)).isEqualTo("7");
        Secrets secrets = new Secrets(rotating);
        assertThat(new String(secrets.open("dkim-rsa-private-key", sealed))).isEqualTo("the key");
        String resealed = secrets.resealed("dkim-rsa-private-key", sealed).orElseThrow();
        assertThat(secrets.resealed("dkim-rsa-private-key", resealed)).isEmpty();
        // once re-sealed, the previous secret is no longer needed to open it
        assertThat(new String(new Secrets(afterWithoutPrevious).open("dkim-rsa-private-key", resealed))).isEqualTo("the key");
        // a token the new secret signs does not verify under the old one alone
        assertThatThrownBy(() -> before.verify("unsubscribe", rotating.sign("unsubscribe", "8", LATER))).isInstanceOf(Tokens.InvalidToken.class);

        // a second rotation keeps both older secrets (newest first): a link mailed before the first still works
        String third = Hashing.randomToken(32);
        Tokens twice = tokens(secret(third, fresh + "," + old));
        assertThat(twice.verify("unsubscribe", link)).isEqualTo("7");
        assertThat(new String(new Secrets(twice).open("dkim-rsa-private-key", sealed))).isEqualTo("the key");
    }

    @Test
    void resealRewritesEveryDeclaredSealedColumnUnderTheNewSecretAndLeavesCurrentValuesAlone() {
        jdbc.sql("create table vault (id int primary key, secret_value varchar(400))").update();
        String old = Hashing.randomToken(32);
        String fresh = Hashing.randomToken(32);
        Secrets before = new Secrets(tokens(secret(old, null)));
        jdbc.sql("insert into vault values (1, ?), (2, ?), (3, null)")
                .params(before.seal("vault-key", "one".getBytes()), before.seal("vault-key", "two".getBytes())).update();
        PlatformSecret rotating = secret(fresh, old);
        Secrets after = new Secrets(tokens(rotating));
        jdbc.sql("insert into vault values (4, ?)").param(after.seal("vault-key", "four".getBytes())).update();
        var rotation = new SecretRotation(List.of(new SealedColumn("vault", "id", "secret_value", "vault-key")), after, rotating, jdbc);
        assertThat(rotation.rotating()).isTrue();

        var outcome = rotation.reseal().getFirst();
        assertThat(outcome.resealed()).isEqualTo(2);
        assertThat(outcome.current()).isEqualTo(1);
        assertThat(outcome.unreadable()).isZero();
        // every value now opens with the new secret alone; a second run has nothing left to do
        Secrets newOnly = new Secrets(tokens(secret(fresh, null)));
        assertThat(jdbc.sql("select secret_value from vault where secret_value is not null order by id").query(String.class).list())
                .extracting(v -> new String(newOnly.open("vault-key", v))).containsExactly("one", "two", "four");
        assertThat(rotation.reseal().getFirst().resealed()).isZero();

        // a composite key, and a purpose made of the row's own values (as the integration secrets are sealed)
        jdbc.sql("create table scoped (scope varchar(36), kind varchar(16), secret_value varchar(400), primary key (scope, kind))").update();
        jdbc.sql("insert into scoped values ('platform', 'voice', ?), ('acc-1', 'ses', ?)")
                .params(before.seal("scoped:platform:voice", "v".getBytes()), before.seal("scoped:acc-1:ses", "s".getBytes())).update();
        var scoped = new SealedColumn("scoped", List.of("scope", "kind"), "secret_value", "scoped", List.of("scope", "kind"));
        var perRow = new SecretRotation(List.of(scoped), after, rotating, jdbc).reseal().getFirst();
        assertThat(perRow.resealed()).isEqualTo(2);
        assertThat(perRow.unreadable()).isZero();
        assertThat(new String(newOnly.open("scoped:acc-1:ses",
                jdbc.sql("select secret_value from scoped where scope = 'acc-1'").query(String.class).single()))).isEqualTo("s");
        assertThatThrownBy(() -> new SealedColumn("vault; drop table vault", "id", "secret_value", "vault-key"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serveOnPostgresqlWithoutFairsendSecretRefusesToStartAndSaysWhatToSet(CapturedOutput output) {
        var app = new SpringApplicationBuilder(FairsendApplication.class).profiles("pgtest");
        // without migrating: the refusal must not depend on the state of the schema
        assertThatThrownBy(() -> app.run("--fairsend.secret=", "--fairsend.mode=serve", "--server.port=0", "--fairsend.feedback.inbound.port=0",
                "--spring.flyway.enabled=false",
                "--spring.main.banner-mode=off", "--fairsend.operator-key-file=" + data.resolve("operator-key.txt")))
                .hasStackTraceContaining("FAIRSEND_SECRET is not set")
                .hasStackTraceContaining("openssl rand -base64 32");
        // Spring Boot's failure report: one paragraph saying what is wrong, one saying what to do
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("Fairsend runs on PostgreSQL and FAIRSEND_SECRET is not set")
                .contains("Set FAIRSEND_SECRET (the property fairsend.secret) to a random value of at least 32 bytes");
        // and nothing was created on the way
        assertThat(data.resolve("operator-key.txt")).doesNotExist();
    }

    @Test
    void theOwnerOnlyFileIsNeverReplacedWhenItMustBeNew() throws Exception {
        Path f = data.resolve("sub/dir/key");
        assertThat(OwnerOnlyFiles.createNew(f, "first")).isTrue();
        assertThat(OwnerOnlyFiles.createNew(f, "second")).isFalse();
        assertThat(OwnerOnlyFiles.read(f)).isEqualTo("first");
        assertThat(List.of(f.getParent().toFile().list())).containsExactly("key"); // no temporary file left behind
        OwnerOnlyFiles.replace(f, "third");
        assertThat(OwnerOnlyFiles.read(f)).isEqualTo("third");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
    }
}
