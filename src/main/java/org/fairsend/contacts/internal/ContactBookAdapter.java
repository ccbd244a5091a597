package org.fairsend.contacts.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.fairsend.contacts.Contact;
import org.fairsend.contacts.ContactBook;
import org.fairsend.contacts.ContactImports;
import org.fairsend.suppression.SuppressionReason;
import org.springframework.stereotype.Component;

/** The contacts module's public {@link ContactBook} and {@link ContactImports}, over the services the REST API uses. */
@Component
class ContactBookAdapter implements ContactBook, ContactImports {

    private final ContactService contacts;
    private final ImportDeclarations declarations;
    private final ImportJobs imports;
    private final ImportExecutor executor;
    private final AccessExports exports;

    ContactBookAdapter(ContactService contacts, ImportDeclarations declarations, ImportJobs imports, ImportExecutor executor,
            AccessExports exports) {
        this.exports = exports;
        this.contacts = contacts;
        this.declarations = declarations;
        this.imports = imports;
        this.executor = executor;
    }

    @Override
    public Page search(UUID accountId, String q, UUID listId, UUID after, int limit) {
        var p = contacts.page(accountId, after, limit, q == null || q.isBlank() ? null : q.strip(), listId, null, null);
        return new Page(p.items(), p.next());
    }

    @Override
    public Contact contact(UUID accountId, UUID contactId) {
        return contacts.get(accountId, contactId);
    }

    @Override
    public List<ContactList> lists(UUID accountId) {
        return contacts.lists(accountId).stream().map(ContactBookAdapter::list).toList();
    }

    @Override
    public ContactList createList(UUID accountId, String name, String description) {
        return list(contacts.createList(accountId, new ContactService.NewList(name, description)));
    }

    private static ContactList list(ContactStore.ListRow l) {
        return new ContactList(l.id(), l.name(), l.description(), l.createdAt(), l.members());
    }

    @Override
    public Export export(UUID accountId, UUID contactId) {
        return exports.ofContact(accountId, contactId);
    }

    @Override
    public Export exportAddress(UUID accountId, String address) {
        return exports.ofAddress(accountId, address);
    }

    @Override
    public void erase(UUID accountId, UUID contactId, String reason) {
        // the person's request; the caller's words are not kept: the suppression records the reason only
        contacts.erase(accountId, contactId, SuppressionReason.ERASED);
    }

    @Override
    public ImportStatus start(UUID accountId, Declaration d, Path file) {
        ImportDeclarations.Checked checked;
        try {
            checked = declarations.check(accountId, new ImportDeclarations.Declaration(d.format(), d.provenance(),
                    d.provenanceDetail(), d.listId()));
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
        var v = imports.create(accountId, checked);
        executor.runInBackground(v, file);
        return status(v);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ImportStatus importStatus(UUID accountId, UUID importId) {
        return status(imports.get(accountId, importId));
    }

    @Override
    public List<ImportStatus> imports(UUID accountId) {
        return imports.list(accountId).stream().map(ContactBookAdapter::status).toList();
    }

    @Override
    public List<Rejection> rejections(UUID accountId, UUID importId, long afterLine, int limit) {
        return imports.rejections(accountId, importId, afterLine, limit).stream()
                .map(r -> new Rejection(r.line(), r.field(), r.reason())).toList();
    }

    private static ImportStatus status(ImportStore.ImportView v) {
        return new ImportStatus(v.id(), v.listId(), v.format(), v.provenance(), v.provenanceDetail(), v.status(), v.rowsRead(),
                v.rowsAccepted(), v.rowsRejected(), v.error(), v.startedAt(), v.finishedAt());
    }
}
