package org.fairsend;

import org.fairsend.platform.cli.FairsendCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Entry point. With no arguments, or with {@code serve}, Fairsend starts its HTTP server; any other
 * first argument is a picocli subcommand ({@code account create}, {@code import}, {@code consent verify}, ...)
 * run against the same database, without opening the HTTP port.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class FairsendApplication {

    public static void main(String[] args) {
        int code = FairsendCli.run(FairsendApplication.class, args);
        if (code != FairsendCli.KEEP_RUNNING) System.exit(code);
    }
}
