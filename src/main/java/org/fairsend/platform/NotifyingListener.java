package org.fairsend.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A listener that tells someone over the network (a mail to the account through {@link PlatformMail}): like Spring
 * Modulith's {@code @ApplicationModuleListener} it runs after the publishing transaction commits, asynchronously, and
 * on the event publication registry (the publication stays incomplete until it returns, and is resubmitted after a
 * crash), but without a transaction of its own: it holds no database connection while it waits on the mail relay (up
 * to the relay's timeouts). Each statement it runs takes a connection for that statement only. Several such
 * listeners waiting on a slow relay inside transactions drained the connection pool for everyone (issue 19's merge).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Async
@TransactionalEventListener
public @interface NotifyingListener {}
