/**
 * Rules on what a message says: prohibited themes, spam terms, sender identity, unsubscribe link, SMS sender/TPOA rules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "content")
package org.fairsend.content;
