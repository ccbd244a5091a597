package org.fairsend.consent.internal;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where and when the consent chain's heads are anchored outside the database.
 *
 * @param anchorDir the directory of the signed checkpoint files (owner-only); by default {@code anchors} beside the
 *     embedded default's data ({@code fairsend.key-file}'s directory, {@code ./data/anchors})
 * @param anchorCron when a checkpoint is written, read in the policy's time zone (default daily at 03:00)
 */
@ConfigurationProperties("fairsend.consent")
record AnchorProperties(Path anchorDir, String anchorCron) {

    AnchorProperties {
        if (anchorCron == null || anchorCron.isBlank()) anchorCron = "0 0 3 * * *";
    }
}
