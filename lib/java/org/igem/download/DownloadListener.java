package org.igem.download;

import java.util.List;
import org.igem.snapshot.Manifest;

/** Progress callbacks of a {@link Downloader}; called from worker threads, so implementations synchronise. */
public interface DownloadListener {
    DownloadListener NONE = new DownloadListener() {
    };

    /** The manifest was fetched and validated; {@code files} are about to be fetched. */
    default void started(Manifest manifest, List<Manifest.FileEntry> files) {
    }

    default void warning(String message) {
    }

    /** One file is finished (any status). */
    default void fileDone(DownloadResult.FileResult result) {
    }
}
