package org.fairsend.console.internal;

import java.security.SecureRandom;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** The console's password hash: bcrypt ($2b$) at the configured cost. Not a bean of type PasswordEncoder, so the API chain is untouched. */
@Component
class ConsolePasswords {

    private final PasswordEncoder encoder;

    ConsolePasswords(ConsoleProperties props) {
        this.encoder = new BCryptPasswordEncoder(BCryptPasswordEncoder.BCryptVersion.$2B, props.bcryptStrength(), new SecureRandom());
    }

    PasswordEncoder encoder() {
        return encoder;
    }
}
