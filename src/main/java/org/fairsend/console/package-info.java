/**
 * Server-rendered console pages for accounts and the operator; each module owns its REST API, the console only renders.
 */
@org.springframework.modulith.ApplicationModule(displayName = "console")
package org.fairsend.console;
