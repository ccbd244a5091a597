package org.fairsend.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The help answered without the application names the same commands as the application runs (issue 20). */
@PostgresTest
class FairsendCliTest {

    @Autowired ApplicationContext ctx;

    @Test
    void theListTheHelpReadsIsEveryCommandTheModulesContribute() {
        var beans = ctx.getBeansOfType(FairsendCommand.class).values().stream()
                .map(b -> org.springframework.util.ClassUtils.getUserClass(b).getName()).sorted().toList();
        assertThat(FairsendCli.listedCommands()).as("src/main/resources/" + FairsendCli.COMMANDS).containsExactlyInAnyOrderElementsOf(beans);
    }

    @Test
    void theHelpWithoutTheApplicationDescribesEachCommandAsTheApplicationDoes() {
        String standalone = capture(() -> FairsendCli.help(new String[] {"--help"}));
        String running = capture(() -> FairsendCli.execute((org.springframework.context.ConfigurableApplicationContext) ctx, "--help"));
        assertThat(standalone).isEqualTo(running).contains("account", "import", "console-user");
        for (String command : new String[] {"account", "import", "consent", "secrets", "classify", "reputation", "console-user"}) {
            assertThat(capture(() -> FairsendCli.help(new String[] {"help", command})))
                    .isEqualTo(capture(() -> FairsendCli.execute((org.springframework.context.ConfigurableApplicationContext) ctx, "help", command)));
        }
    }

    @Test
    void onlyHelpAndVersionAreAnsweredWithoutTheApplication() {
        assertThat(FairsendCli.asksForHelp(new String[] {"--help"})).isTrue();
        assertThat(FairsendCli.asksForHelp(new String[] {"-V"})).isTrue();
        assertThat(FairsendCli.asksForHelp(new String[] {"help", "import"})).isTrue();
        assertThat(FairsendCli.asksForHelp(new String[] {"account", "create", "--help"})).isTrue();
        assertThat(FairsendCli.asksForHelp(new String[] {"import", "--account", "x", "--", "--help"})).isFalse();
        assertThat(FairsendCli.asksForHelp(new String[] {"account", "create", "--legal-name", "Help SARL"})).isFalse();
        assertThat(FairsendCli.asksForHelp(new String[] {})).isFalse();
    }

    /** Issue 20: an account created from the command line can carry its recipients' language and its postal address. */
    @Test
    void anAccountCreatedFromTheCommandLineCarriesItsLanguageAndPostalAddress() {
        String out = capture(() -> FairsendCli.execute((org.springframework.context.ConfigurableApplicationContext) ctx, "account", "create",
                "--legal-name", "Boulangerie Ligne SARL", "--contact-email", "contact@boulangerie-ligne.example", "--language", "fr-FR",
                "--postal-address", "4 rue de la Ligne, 59000 Lille"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("account ([0-9a-f-]{36})").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        var account = ctx.getBean(org.fairsend.accounts.AccountDirectory.class).get(java.util.UUID.fromString(m.group(1)));
        assertThat(account.language()).isEqualTo("fr");
        assertThat(account.postalAddress()).isEqualTo("4 rue de la Ligne, 59000 Lille");
        assertThat(account.legalIdentity()).isEqualTo("Boulangerie Ligne SARL, 4 rue de la Ligne, 59000 Lille");
    }

    private static String capture(Runnable r) {
        PrintStream before = System.out;
        var out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(before);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
