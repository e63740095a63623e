package org.igem.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.igem.IgemDb;
import org.igem.migrate.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.igem.report.Reports;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Report the database's schema revision against head.")
final class StatusCommand extends LeafCommand {
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
            Reports.status(st, out());
        }
        return check && !st.upToDate() ? IgemCli.NOT_AT_HEAD : 0;
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
        m.put("alembic_revision", st.alembicRevision());
        return m;
    }
}
