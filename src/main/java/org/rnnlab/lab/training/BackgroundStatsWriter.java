package org.rnnlab.lab.training;

import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands training statistics to a stats storage from a thread of its own. DL4J's file storage commits
 * its write-ahead log to disk on every report, a few milliseconds each: done in the training thread
 * that would cost a small network several times its step time. The reports keep their order; when
 * the queue is full (the disk is slower than the reports), the training waits. An update report
 * that comes less than {@code minIntervalMs} after the last one kept is left out (static
 * information and metadata never are).
 */
final class BackgroundStatsWriter implements StatsStorageRouter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundStatsWriter.class);
    private static final int QUEUE = 1024;
    private static final Runnable END = () -> { };

    private final StatsStorageRouter target;
    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread thread;
    private final long minIntervalMs;
    private volatile boolean failed;
    private long lastKept = Long.MIN_VALUE;

    BackgroundStatsWriter(StatsStorageRouter target, String name, long minIntervalMs) {
        this.target = target;
        this.minIntervalMs = minIntervalMs;
        this.thread = new Thread(this::drain, "stats-writer-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void drain() {
        while (true) {
            Runnable write;
            try {
                write = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (write == END) {
                return;
            }
            try {
                write.run();
            } catch (RuntimeException e) {
                if (!failed) {
                    LOG.warn("training statistics could not be written, the rest are dropped: {}", e.toString());
                }
                failed = true;
            }
        }
    }

    private void submit(Runnable write) {
        if (failed) {
            return;
        }
        try {
            queue.put(write);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> void submitEach(Collection<? extends T> items, Consumer<T> put) {
        for (T item : items) {
            submit(() -> put.accept(item));
        }
    }

    @Override
    public void putStorageMetaData(StorageMetaData storageMetaData) {
        submit(() -> target.putStorageMetaData(storageMetaData));
    }

    @Override
    public void putStorageMetaData(Collection<? extends StorageMetaData> storageMetaData) {
        submitEach(storageMetaData, target::putStorageMetaData);
    }

    @Override
    public void putStaticInfo(Persistable staticInfo) {
        submit(() -> target.putStaticInfo(staticInfo));
    }

    @Override
    public void putStaticInfo(Collection<? extends Persistable> staticInfo) {
        submitEach(staticInfo, target::putStaticInfo);
    }

    @Override
    public void putUpdate(Persistable update) {
        if (keep(update.getTimeStamp())) {
            submit(() -> target.putUpdate(update));
        }
    }

    @Override
    public void putUpdate(Collection<? extends Persistable> updates) {
        updates.forEach(this::putUpdate);
    }

    /** Whether an update made at {@code stamp} (ms) is far enough from the last one kept. */
    synchronized boolean keep(long stamp) {
        if (lastKept != Long.MIN_VALUE && stamp - lastKept < minIntervalMs) {
            return false;
        }
        lastKept = stamp;
        return true;
    }

    /** Waits until every report handed in so far is written. */
    @Override
    public void close() {
        try {
            queue.put(END);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
