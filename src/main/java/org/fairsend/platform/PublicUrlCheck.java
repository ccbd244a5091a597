package org.fairsend.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says at start when the public URL is not HTTPS (issue 20); the operator's console shows the same. */
@Component
class PublicUrlCheck {

    private static final Logger log = LoggerFactory.getLogger(PublicUrlCheck.class);

    private final FairsendProperties props;

    PublicUrlCheck(FairsendProperties props) {
        this.props = props;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warn() {
        String warning = props.publicUrlWarning();
        if (warning != null && !props.cli()) log.warn(warning);
    }
}
