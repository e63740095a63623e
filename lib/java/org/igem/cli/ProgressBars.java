package org.igem.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** The one look of row-count progress bars (stderr, terminals only: callers check System.console()). */
final class ProgressBars {
    private ProgressBars() {
    }

    /** A bar counting megabytes of text of {@code task} (speed in MB/s; the caller adds a record count as extra message). */
    static ProgressBar megabytes(String task) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(-1).setUnit(" MB", 1_000_000).showSpeed()
                .continuousUpdate().setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    /** A bar counting rows of {@code task}; {@code max} -1 when the total is unknown. */
    static ProgressBar rows(String task, long max) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(" rows", 1).showSpeed()
                .continuousUpdate().setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }
}
