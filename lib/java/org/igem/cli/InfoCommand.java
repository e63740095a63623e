package org.igem.cli;

import org.igem.IgemDb;
import org.igem.IgemException;
import org.igem.Info;
import picocli.CommandLine.Command;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show connection information for a SQL database or a snapshot.")
final class InfoCommand extends DbSubcommand {
    @Override
    public Integer call() {
        Info i;
        try (IgemDb db = open()) {
            i = db.info();
        }
        row("Backend", i.backend());
        row("Read-only", bool(i.readOnly()));
        row("URI", i.uri());
        if (i.backend().equals("snapshot")) {
            row("Path", i.path());
            row("Snapshot", i.snapshotVersion());
            row("Schema version", i.schemaVersion());
            row("Schema revision", i.revision());
            row("Tables", i.tableCount());
            row("Exported at", i.exportedAt());
            return 0;
        }
        row("Engine", i.engine());
        row("Host", i.host());
        row("Database", i.database());
        row("Connected", bool(i.connected()));
        if (!i.connected()) {
            ctx().err().println("error: " + ctx().scrub(i.error()));
            return IgemException.FAILURE;
        }
        row("Server", i.serverVersion());
        row("Revision", i.revision());
        row("pgvector", i.vector());
        return 0;
    }
}
