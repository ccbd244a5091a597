package org.fairsend.platform;

/**
 * erasure is synchronous and atomic. Every module that keeps a table where a person's address, number or name
 * can be written implements this interface with one bean in its {@code internal} package; the contacts module's
 * erasure ({@code ContactService.erase}, the API's {@code DELETE /api/contacts/{id}} and
 * {@code DELETE /api/contacts?address=}, the retention purge) calls every one of them inside its own transaction with
 * the plain addresses and names, so each module clears or pseudonymises its own rows and the whole erasure commits
 * or rolls back together. The plain data never travels through the event publication registry.
 *
 * <p>What an implementation keeps: the record itself (a send, a bounce, an unsubscribe, a call) with its keyed hash
 * ({@link Pseudonyms#address}) so the counts, the indicators and the evidence of what happened survive; what it
 * clears: every plain column (null, or the marker {@link ErasedPerson#MARKER}) and any raw content received from or
 * about the person. A new table with personal data joins by being handled in its module's implementation (and, for a
 * free-text column, {@link TextScrubber}); the erasure test searches every text column of every table.
 */
public interface PersonalData {

    /** Clears or pseudonymises what this module keeps about {@code person}; runs inside the erasure transaction. */
    void erase(ErasedPerson person);
}
