/**
 * The console's pages, sign-in and users: the security filter chain of {@code /console/**}, console users
 * (bcrypt-hashed passwords, per account or operator), sign-in throttling, the navigation registry that each
 * area contributes to ({@link org.fairsend.console.internal.ConsoleSection}), and the page controllers. Pages
 * call the other modules' public APIs only.
 */
package org.fairsend.console.internal;
