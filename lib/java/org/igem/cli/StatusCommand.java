package org.igem.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.igem.IgemDb;
import org.igem.migrate.Revision;
import org.igem.migrate.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Report the database's schema revision against head.")
final class StatusCommand extends DbSubcommand {
    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Option(names = "--check", description = "Exit with code 3 when the database is not at head (for deploy pipelines).")
    boolean check;

    @Override
    public Integer call() throws Exception {
        Status st;
        try (IgemDb db = open()) {
            st = db.status();
        }
        if (json) {
            out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(st)));
        } else {
            print(st);
        }
        return check && !st.upToDate() ? IgemCli.NOT_AT_HEAD : 0;
    }

    private void print(Status st) {
        out().println("Schema status");
        row("DB URI", st.uri());
        row("Repo head", st.head().label());
        row("DB revision", st.current() != null ? st.current().label() : st.versioned() ? st.currentRaw() + " (unknown)" : "<none>");
        row("Versioned?", bool(st.versioned()));
        switch (st.state()) {
            case UP_TO_DATE -> out().println("→ up-to-date.");
            case BEHIND -> out().println("→ " + st.pending().size() + " pending migration(s): "
                    + String.join(", ", st.pending().stream().map(Revision::label).toList()) + ". Run `igem db upgrade`.");
            case NOT_VERSIONED -> out().println("→ not versioned: run `igem db stamp-head` once if the schema matches, "
                    + "or `igem db create` for a new database.");
            case UNKNOWN_REVISION -> out().println("→ recorded version " + st.currentRaw()
                    + " is unknown to this igem (newer tool?).");
        }
    }

    static Map<String, Object> toJson(Status st) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uri", st.uri());
        m.put("head", st.head().alembicId());
        m.put("head_version", st.head().version());
        m.put("revision", st.currentId());
        m.put("version", st.currentRaw());
        m.put("versioned", st.versioned());
        m.put("up_to_date", st.upToDate());
        m.put("state", st.state().name().toLowerCase(java.util.Locale.ROOT));
        List<Map<String, String>> pending = st.pending().stream()
                .map(r -> Map.of("revision", r.alembicId(), "version", r.version(), "title", r.title())).toList();
        m.put("pending", pending);
        return m;
    }
}
