package org.fairsend.console.internal;

/**
 * Marks a console page controller: {@link ConsoleAdvice} gives its pages the user, the navigation and the CSRF
 * header, and renders its refusals as pages (the console's REST API keeps problem+json).
 */
interface ConsolePage {}
