package org.fairsend.contacts.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.fairsend.contacts.ContactImports;
import org.fairsend.contacts.internal.ImportStore.ImportView;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.cli.FairsendCommand;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fairsend import FILE --account ID --provenance own_form|shop|event|other [--provenance-detail TEXT]
 * [--format csv|jsonl] [--list ID|NAME]}: imports a file in the foreground, printing progress. Exit code 0
 * when the import finished (rejected lines are listed), 2 when it was refused or invalid, 1 when it failed.
 */
@Component
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import contacts with consent evidence from a CSV or JSON-lines file (R-6, R-13).")
class ImportCommand implements FairsendCommand, Callable<Integer> {

    private final ImportDeclarations declarations;
    private final ImportJobs imports;
    private final ImportPipeline pipeline;
    private final ContactService contacts;

    @Parameters(index = "0", paramLabel = "FILE") Path file;
    @Option(names = "--account", required = true, description = "The account id.") UUID account;
    @Option(names = "--provenance", required = true,
            description = "Where the addresses come from: own_form, shop, event, other (bought, rented, exchanged, third-party and harvested lists are refused).")
    String provenance;
    @Option(names = "--provenance-detail", description = "A description of the source (required for 'other').") String detail;
    @Option(names = "--format", description = "csv or jsonl (default: from the file name).") String format;
    @Option(names = "--list", description = "Add the contacts to this list (id or name).") String list;
    @Option(names = "--show-rejections", defaultValue = "50", description = "How many rejected lines to print (default 50).") int show;

    ImportCommand(ImportDeclarations declarations, ImportJobs imports, ImportPipeline pipeline, ContactService contacts) {
        this.declarations = declarations;
        this.imports = imports;
        this.pipeline = pipeline;
        this.contacts = contacts;
    }

    @Override
    public Integer call() {
        try {
            if (!Files.isReadable(file)) {
                System.err.println("file [required]: cannot read " + file);
                return 2;
            }
            UUID listId = null;
            if (list != null) {
                try {
                    listId = UUID.fromString(list);
                } catch (IllegalArgumentException e) {
                    listId = contacts.lists(account).stream().filter(l -> l.name().equals(list)).findFirst()
                            .orElseThrow(() -> new NotFound("list '" + list + "'")).id();
                }
            }
            String fmt = format != null ? format : ImportController.formatOf(file.getFileName().toString());
            var d = declarations.check(account, new ImportDeclarations.Declaration(fmt, provenance, detail, listId));
            ImportView v = imports.create(account, d);
            System.err.println("import " + v.id() + " started");
            long started = System.nanoTime();
            ImportView done = pipeline.run(v, file, p -> System.err.printf("  read %d, accepted %d, rejected %d%n",
                    p.rowsRead(), p.rowsAccepted(), p.rowsRejected()));
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("import %s %s: read %d, accepted %d, rejected %d in %.1f s%n", done.id(), done.status().code(),
                    done.rowsRead(), done.rowsAccepted(), done.rowsRejected(), seconds);
            if (done.error() != null) System.out.println("error: " + done.error());
            for (var r : imports.rejections(account, done.id(), 0, Math.max(show, 0))) {
                System.out.println("  line " + r.line() + " [" + r.field() + "]: " + r.reason());
            }
            return done.status() == ContactImports.Status.FINISHED ? 0 : 1;
        } catch (RuleViolation e) {
            e.violations().forEach(x -> System.err.println(x.field() + " [" + x.rule() + "]: " + x.message()));
            return 2;
        } catch (NotFound e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }
}
