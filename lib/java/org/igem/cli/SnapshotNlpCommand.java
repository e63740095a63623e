package org.igem.cli;

import org.igem.nlp.DictionaryOptions;
import org.igem.nlp.NlpBuild;
import org.igem.snapshot.SnapshotNlp;
import org.igem.ops.CommandOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.igem.report.Reports;

@Command(name = "snapshot-nlp", mixinStandardHelpOptions = true,
        description = "Build the pre-compiled NLP alias automaton inside a snapshot (<snapshot>/nlp/).")
final class SnapshotNlpCommand extends LeafCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "<snapshot-dir>",
            description = "Snapshot directory (or parquet:// URI). Default: the resolved --db-uri, which must be a snapshot.")
    String dir;

    @Option(names = CommandOptions.SnapshotNlp.OVERWRITE, description = "Rebuild even if <snapshot>/nlp/ already exists.")
    boolean overwrite;

    @Override
    public Integer call() {
        NlpBuild b;
        // On a terminal, a progress bar (stderr) while the alias rows are read.
        me.tongfei.progressbar.ProgressBar[] bar = {null};
        try {
            b = SnapshotNlp.build(snapshotDir(dir, "snapshot-nlp"), overwrite, DictionaryOptions.defaults(), line -> { },
                    (read, total) -> {
                        if (System.console() == null) {
                            return;
                        }
                        if (bar[0] == null) {
                            bar[0] = ProgressBars.rows("entity_aliases", total);
                        }
                        bar[0].stepTo(read);
                    }, line -> ctx().err().println(line));
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
        }
        Reports.nlpBuild(b, out());
        return 0;
    }
}
