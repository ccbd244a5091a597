package org.fairsend.contacts.internal;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.contacts.Contact;
import org.fairsend.contacts.ContactBook;
import org.fairsend.suppression.SuppressionReason;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/contacts} and {@code /api/lists}, scoped to the caller's account. */
@RestController
class ContactController {

    private final ContactService contacts;
    private final AccessExports exports;

    ContactController(ContactService contacts, AccessExports exports) {
        this.contacts = contacts;
        this.exports = exports;
    }

    private static UUID account() {
        return Caller.current().accountId();
    }

    record ContactView(Contact contact, List<ContactBook.Membership> lists) {}

    /** Creates a contact, or merges into the one holding the same email or phone (200 then). */
    @PostMapping("/api/contacts")
    ResponseEntity<ContactView> upsert(@RequestBody ContactService.NewContact in) {
        var r = contacts.upsert(account(), in, "api");
        var view = new ContactView(r.contact(), contacts.memberships(r.contact().id()));
        return r.created()
                ? ResponseEntity.created(URI.create("/api/contacts/" + r.contact().id())).body(view)
                : ResponseEntity.ok(view);
    }

    @GetMapping("/api/contacts/{id}")
    ContactView get(@PathVariable UUID id) {
        return new ContactView(contacts.get(account(), id), contacts.memberships(id));
    }

    @GetMapping("/api/contacts")
    ContactService.Page search(@RequestParam(required = false) UUID after, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String q, @RequestParam(required = false) UUID listId,
            @RequestParam(required = false) String channel, @RequestParam(required = false) String status) {
        return contacts.page(account(), after, limit, q, listId, channel, status);
    }

    @PatchMapping("/api/contacts/{id}")
    ContactView change(@PathVariable UUID id, @RequestBody ContactService.ContactChanges in) {
        return new ContactView(contacts.change(account(), id, in), contacts.memberships(id));
    }

    /**
     * GDPR access export (X-5, Art. 15): everything kept about the contact (consent records, messages with their
     * content as sent, bounces, complaints, unsubscribes, calls...); by address and as a page: {@link AccessExportApi}.
     */
    @GetMapping("/api/contacts/{id}/export")
    ContactBook.Export export(@PathVariable UUID id) {
        return exports.ofContact(account(), id);
    }

    /** GDPR erasure: personal data removed, addresses suppressed by hash. */
    @DeleteMapping("/api/contacts/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void erase(@PathVariable UUID id) {
        contacts.erase(account(), id, SuppressionReason.ERASED);
    }

    record ListView(UUID id, String name, String description, java.time.Instant createdAt, long members) {
        static ListView of(ContactStore.ListRow l) {
            return new ListView(l.id(), l.name(), l.description(), l.createdAt(), l.members());
        }
    }

    @PostMapping("/api/lists")
    ResponseEntity<ListView> createList(@RequestBody ContactService.NewList in) {
        var l = contacts.createList(account(), in);
        return ResponseEntity.created(URI.create("/api/lists/" + l.id())).body(ListView.of(l));
    }

    @GetMapping("/api/lists")
    List<ListView> lists() {
        return contacts.lists(account()).stream().map(ListView::of).toList();
    }

    @GetMapping("/api/lists/{id}")
    ListView list(@PathVariable UUID id) {
        return ListView.of(contacts.list(account(), id));
    }

    @PutMapping("/api/lists/{listId}/contacts/{contactId}")
    ResponseEntity<Void> addMember(@PathVariable UUID listId, @PathVariable UUID contactId) {
        boolean added = contacts.addToList(account(), listId, contactId);
        return ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.NO_CONTENT).build();
    }

    @DeleteMapping("/api/lists/{listId}/contacts/{contactId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeMember(@PathVariable UUID listId, @PathVariable UUID contactId) {
        contacts.removeFromList(account(), listId, contactId);
    }
}
