package io.onegrid.gateway.config;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one file and calls {@code onChange} after it was written, created or replaced (editors often
 * save by renaming a temporary file over it, so the folder is watched, not the file). Bursts of events
 * within the settle time collapse into one call, so a half-written file is not read mid-save.
 */
public final class ConfigFileWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigFileWatcher.class);

    private final Path file;
    private final Duration settle;
    private final Runnable onChange;
    private final WatchService watcher;
    private final Thread thread;

    public ConfigFileWatcher(Path file, Duration settle, Runnable onChange) throws IOException {
        this.file = file.toAbsolutePath().normalize();
        this.settle = settle;
        this.onChange = onChange;
        this.watcher = FileSystems.getDefault().newWatchService();
        this.file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(this::run, "onegrid-config-watch");
        this.thread.setDaemon(true);
    }

    public ConfigFileWatcher start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = watcher.take();
                boolean relevant = drain(key);
                // Let the writer finish, folding every further event into this one reload.
                while (true) {
                    WatchKey more = watcher.poll(settle.toMillis(), TimeUnit.MILLISECONDS);
                    if (more == null) break;
                    relevant |= drain(more);
                }
                if (relevant) {
                    try {
                        onChange.run();
                    } catch (RuntimeException e) {
                        LOG.error("Applying the changed configuration file {} failed", file, e);
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean drain(WatchKey key) {
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                relevant = true;
            } else if (event.context() instanceof Path name && name.equals(file.getFileName())) {
                relevant = true;
            }
        }
        key.reset();
        return relevant;
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            watcher.close();
            thread.join(2_000);
        } catch (IOException e) {
            LOG.debug("Closing the watch service of {} failed", file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
