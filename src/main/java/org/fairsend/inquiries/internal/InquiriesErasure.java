package org.fairsend.inquiries.internal;

import org.fairsend.platform.ErasedPerson;
import org.fairsend.platform.PersonalData;
import org.springframework.stereotype.Component;

/**
 * an erased person's address or number becomes the marker in the account's evidence requests, and the
 * statements, notes and steps that name them are scrubbed. The files the account attached are its own evidence
 * (a screenshot of its form) and are kept.
 */
@Component
class InquiriesErasure implements PersonalData {

    private final EvidenceStore store;

    InquiriesErasure(EvidenceStore store) {
        this.store = store;
    }

    @Override
    public void erase(ErasedPerson person) {
        store.eraseAddresses(person.accountId(), person.addresses(), ErasedPerson.MARKER);
        for (var t : store.statements(person.accountId())) if (person.mentions(t.text())) store.setStatement(t.id(), person.scrub(t.text()));
        for (var t : store.notes(person.accountId())) if (person.mentions(t.text())) store.setNote(t.id(), person.scrub(t.text()));
        for (var t : store.stepReasons(person.accountId())) if (person.mentions(t.text())) store.setStepReason(t.id(), person.scrub(t.text()));
    }
}
