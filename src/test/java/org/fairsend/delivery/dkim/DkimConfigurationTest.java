package org.fairsend.delivery.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** {@code fairsend.dkim.provider} as an operator sets it: chosen once at start, said once in the log, a wrong value refused. */
@ExtendWith(OutputCaptureExtension.class)
class DkimConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DkimProperties.class)
    @Import(DkimConfiguration.class)
    static class Dkim {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Dkim.class);

    @Test
    void jdkWhenSetAndSaidOnceInTheLog(CapturedOutput out) {
        runner.withPropertyValues("fairsend.dkim.provider=jdk").run(ctx -> {
            assertThat(ctx.getBean(DkimCrypto.class).implementation()).isEqualTo(DkimCrypto.Implementation.JDK);
            assertThat(out.getOut().split("DKIM RSA signatures: ", -1)).hasSize(2);
            assertThat(out.getOut()).contains("DKIM RSA signatures: the JDK's provider (fairsend.dkim.provider=jdk)");
        });
    }

    @Test
    void autoByDefault(CapturedOutput out) {
        runner.run(ctx -> {
            DkimCrypto crypto = ctx.getBean(DkimCrypto.class);
            assertThat(out.getOut()).contains("DKIM RSA signatures: " + crypto.description());
            assertThat(crypto.implementation()).isEqualTo(DkimCrypto.select(DkimCrypto.Setting.AUTO).implementation());
        });
    }

    @Test
    void anUnknownValueStopsTheStart() {
        runner.withPropertyValues("fairsend.dkim.provider=openssl").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("openssl");
        });
    }
}
