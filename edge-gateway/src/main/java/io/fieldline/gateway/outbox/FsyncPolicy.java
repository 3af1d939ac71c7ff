package io.fieldline.gateway.outbox;

/**
 * When the outbox forces appended records to the storage device, and therefore when {@link
 * DiskOutbox#durable(long)} completes. Every policy survives kill -9 (written data is in the OS
 * page cache); they differ in what survives power loss or a kernel crash.
 */
public enum FsyncPolicy {
    /**
     * Group commit: a writer thread fsyncs all appends made since the previous fsync in one call
     * and completes their durable futures afterwards. Power loss loses nothing that was reported
     * durable.
     */
    EVERY_BATCH,
    /**
     * Durable as soon as written to the page cache; a background fsync every {@code
     * fsyncIntervalMs}. Power loss may lose up to one interval of records reported durable.
     */
    INTERVAL,
    /**
     * Durable as soon as written to the page cache; never fsynced except at recovery and clean
     * close. Power loss may lose whatever the kernel had not yet written back (typically up to ~30
     * s with Linux defaults).
     */
    NONE
}
