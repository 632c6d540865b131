package dev.nudge.server.segment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/** Calls {@code onChange} when files in a folder change, debounced so an editor's save counts once. */
public final class FolderWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FolderWatch.class);
    static final long DEBOUNCE_MILLIS = 300;

    private final WatchService watch;
    private final Thread thread;

    private FolderWatch(Path folder, Runnable onChange) throws IOException {
        watch = FileSystems.getDefault().newWatchService();
        folder.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        thread = Thread.ofPlatform().daemon().name("nudge-segments-watch").start(() -> {
            try {
                while (true) {
                    WatchKey key = watch.take();
                    key.pollEvents();
                    key.reset();
                    // drain the burst an editor produces, then reload once
                    WatchKey more;
                    while ((more = watch.poll(DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                        more.pollEvents();
                        more.reset();
                    }
                    onChange.run();
                }
            } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
                // closing
            }
        });
    }

    public static FolderWatch start(Path folder, Runnable onChange) {
        try {
            return new FolderWatch(folder, onChange);
        } catch (IOException e) {
            log.warn("cannot watch {} for changes ({}); restart the server to pick up edits", folder, e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            watch.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
