// JShell startup for exploring IGEM databases and snapshots: scripts/igem-shell (checkout) or jbang igem-shell@<org>
import org.igem.*;
import org.igem.migrate.*;
import org.igem.snapshot.*;
import org.igem.nlp.*;
import java.nio.file.*;
// library logs (Flyway, HikariCP) only when something is wrong
System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("igem.log", "warn"));
System.out.println("""
    IGEM shell (igem-java %s). One line each:
      var db = Igem.connect("sqlite:/path/igem.db");   // or postgresql://user@host/igem, or a snapshot dir / parquet:///dir
      db.status()                                      // revision vs head: upToDate(), pending()
      db.info()                                        // backend, engine, connection, pgvector
      db.tables()                                      // tables with row counts
      db.head("entity_types", 5)                       // first rows of a table (SQL or snapshot)
      db.query("SELECT count(*) FROM entity_aliases")  // one read-only query, any URI kind (snapshots: DuckDB)
      Igem.connect("/snapshots/2026-11-25").query("SELECT t.name, count(*) FROM entities e JOIN entity_types t ON t.id = e.type_id GROUP BY 1")
      Igem.verify(Path.of("/snapshots/2026-11-25"))    // re-hash a snapshot
      Igem.nlp(Path.of("/snapshots/2026-11-25")).search("BRCA1 in breast cancer")
    /help for JShell, /exit to leave.""".formatted(Igem.version()));
