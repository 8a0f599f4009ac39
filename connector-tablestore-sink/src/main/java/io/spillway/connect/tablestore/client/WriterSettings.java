package io.spillway.connect.tablestore.client;

/**
 * The SDK writer's settings, as the aliyun connector maps its keys: buffer.size is the writer's
 * bufferSize, max.thread.count its callback threads, insert.order.enable picks sequential writes
 * per primary key hash bucket over parallel round robin.
 */
public record WriterSettings(
    int bufferSize,
    int callbackThreads,
    int concurrency,
    int bucketCount,
    int flushIntervalMs,
    boolean ordered) {}
