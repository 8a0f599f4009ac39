package io.spillway.connect.flinkupsert.combine;

import io.spillway.connect.flinkupsert.config.CombineConfig;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The merged state of one task: per input partition, the latest merged value bytes per key bytes,
 * as the target holds them. Its size is estimated as key bytes + value bytes + {@value
 * #ENTRY_OVERHEAD} bytes per key (map entry, buffer and array headers); growing past the limit
 * fails the task with the setting to raise, since dropping an entry would lose columns.
 */
public final class MergedRows {
  /** Java objects around one entry: a HashMap node, the ByteBuffer and two array headers. */
  static final int ENTRY_OVERHEAD = 112;

  private final Map<Integer, Map<ByteBuffer, byte[]>> partitions = new HashMap<>();
  private final long maxBytes;
  // Written by the task thread only; volatile for the metrics thread.
  private volatile long bytes;
  private volatile long keys;

  public MergedRows(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Whether the state of this partition is held (rebuilt or started empty). */
  public boolean holds(int partition) {
    return partitions.containsKey(partition);
  }

  /** Starts holding a partition with no keys (before its rebuild). */
  public void hold(int partition) {
    partitions.putIfAbsent(partition, new HashMap<>());
  }

  /** The merged value bytes of a key, or null when the key has none. */
  public byte[] get(int partition, byte[] key) {
    Map<ByteBuffer, byte[]> rows = partitions.get(partition);
    return rows == null ? null : rows.get(ByteBuffer.wrap(key));
  }

  /** Sets a key's merged value; null removes the key (a delete). */
  public void put(int partition, byte[] key, byte[] value) {
    Map<ByteBuffer, byte[]> rows = partitions.computeIfAbsent(partition, p -> new HashMap<>());
    byte[] old = value == null ? rows.remove(ByteBuffer.wrap(key)) : rows.get(ByteBuffer.wrap(key));
    long delta = (value == null ? 0 : size(key, value)) - (old == null ? 0 : size(key, old));
    if (value != null && delta > 0 && bytes + delta > maxBytes) {
      throw new ConnectException(
          "combine=merge: the merged state of this task would grow past "
              + CombineConfig.STATE_MAX_BYTES
              + "="
              + maxBytes
              + " bytes ("
              + keys
              + " keys, "
              + bytes
              + " bytes, at input partition "
              + partition
              + "): raise "
              + CombineConfig.STATE_MAX_BYTES
              + " together with the worker heap, or spread the inputs over more partitions and"
              + " tasks");
    }
    if (value != null && rows.put(ByteBuffer.wrap(key), value) == null) {
      keys++;
    } else if (value == null && old != null) {
      keys--;
    }
    bytes += delta;
  }

  /** Forgets a partition's state (revoked: its next owner rebuilds it from the target). */
  public void drop(int partition) {
    Map<ByteBuffer, byte[]> rows = partitions.remove(partition);
    if (rows != null) {
      long freed = 0;
      for (Map.Entry<ByteBuffer, byte[]> entry : rows.entrySet()) {
        freed += size(entry.getKey().array(), entry.getValue());
      }
      bytes -= freed;
      keys -= rows.size();
    }
  }

  /** Keys held over every partition. */
  public long keys() {
    return keys;
  }

  /** Keys held for one partition. */
  public int keys(int partition) {
    Map<ByteBuffer, byte[]> rows = partitions.get(partition);
    return rows == null ? 0 : rows.size();
  }

  /** The estimated memory of the state, as the limit counts it. */
  public long bytes() {
    return bytes;
  }

  private static long size(byte[] key, byte[] value) {
    return (long) key.length + value.length + ENTRY_OVERHEAD;
  }
}
