package io.spillway.connect.testkit.tablestore;

import com.alicloud.openservices.tablestore.model.PrimaryKey;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** Faults a {@link TablestoreServer} injects; thread-safe, all cleared by {@link #clear()}. */
public final class TablestoreFaults {
  private final AtomicLong busyUntilNanos = new AtomicLong(Long.MIN_VALUE);
  private final AtomicReference<RowFailure> rowFailure = new AtomicReference<>();
  private final AtomicInteger connectionsToDrop = new AtomicInteger();
  private final AtomicInteger repliesToDrop = new AtomicInteger();
  private final AtomicLong replyDelayMillis = new AtomicLong();

  TablestoreFaults() {}

  /** Until {@code d} from now every row read or write replies 503 {@code OTSServerBusy}. */
  public void serverBusyFor(Duration d) {
    busyUntilNanos.set(System.nanoTime() + d.toNanos());
  }

  /**
   * Rows whose primary key (as the request sends it, AUTO_INCREMENT placeholders included) matches
   * fail with {@code code}: per row inside BatchWriteRow and PutTimeseriesData replies (the other
   * rows are written), the whole request for PutRow, UpdateRow and DeleteRow. Failed rows are not
   * written. A time series row's key is (_m_name, _data_source, _tags, _time), _tags as the SDK
   * writes them ({@code ["name=value",...]}), _time in microseconds.
   */
  public void failRows(Predicate<PrimaryKey> which, String code, String message) {
    rowFailure.set(new RowFailure(which, code, message));
  }

  /** The next {@code n} requests get their connection closed without a reply, unprocessed. */
  public void dropConnections(int n) {
    connectionsToDrop.set(n);
  }

  /**
   * The next {@code n} requests are processed (writes applied), then their connection is closed
   * without a reply: the client cannot tell whether the write happened.
   */
  public void dropReplies(int n) {
    repliesToDrop.set(n);
  }

  /** Delays every reply by {@code d}. */
  public void slowReplies(Duration d) {
    replyDelayMillis.set(d.toMillis());
  }

  public void clear() {
    busyUntilNanos.set(Long.MIN_VALUE);
    rowFailure.set(null);
    connectionsToDrop.set(0);
    repliesToDrop.set(0);
    replyDelayMillis.set(0);
  }

  boolean serverBusy() {
    long until = busyUntilNanos.get();
    return until != Long.MIN_VALUE && System.nanoTime() - until < 0;
  }

  /** The failure for this row, or null when it is to be written. */
  OtsException rowFailure(PrimaryKey key) {
    RowFailure failure = rowFailure.get();
    return failure != null && failure.which.test(key)
        ? new OtsException(failure.code, failure.message)
        : null;
  }

  boolean dropConnection() {
    return connectionsToDrop.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  boolean dropReply() {
    return repliesToDrop.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  long replyDelayMillis() {
    return replyDelayMillis.get();
  }

  private record RowFailure(Predicate<PrimaryKey> which, String code, String message) {}
}
