/**
 * The console's pages, sign-in and users: the security filter chain of {@code /console/**}, console users
 * (bcrypt-hashed passwords, per account or operator), sign-in throttling, the navigation registry that each
 * area contributes to ({@link org.fairsend.console.internal.ConsoleSection}), and the page controllers, among them
 * the one campaign page of every channel ({@link org.fairsend.console.internal.CampaignPages} with a
 * {@link org.fairsend.console.internal.CampaignEditor} per channel). Pages call the other modules' public APIs
 * only; the console's own tables are read and written by its stores ({@code ConsoleUsers}, {@code OperatorActionStore}).
 */
package org.fairsend.console.internal;
