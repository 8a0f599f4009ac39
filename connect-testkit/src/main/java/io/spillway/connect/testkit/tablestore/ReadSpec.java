package io.spillway.connect.testkit.tablestore;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import java.util.List;
import java.util.Set;

/**
 * What a read returns of each row: the columns to get (empty: all), at most {@code maxVersions}
 * versions per column, versions with timestamp in [startTs, endTs).
 */
record ReadSpec(Set<String> columns, int maxVersions, long startTs, long endTs) {

  static ReadSpec of(
      List<String> columns,
      boolean hasMaxVersions,
      int maxVersions,
      OtsInternalApi.TimeRange time) {
    if (!hasMaxVersions && time == null) {
      throw OtsException.invalid("Neither max_versions nor time_range is set.");
    }
    long start = 0;
    long end = Long.MAX_VALUE;
    if (time != null) {
      if (time.hasSpecificTime()) {
        start = time.getSpecificTime();
        end = start + 1;
      } else {
        start = time.hasStartTime() ? time.getStartTime() : 0;
        end = time.hasEndTime() ? time.getEndTime() : Long.MAX_VALUE;
      }
      if (start >= end) {
        throw OtsException.invalid("Invalid time range: [" + start + ", " + end + ").");
      }
    }
    if (hasMaxVersions && maxVersions <= 0) {
      throw OtsException.invalid("max_versions must be positive: " + maxVersions + ".");
    }
    return new ReadSpec(
        Set.copyOf(columns), hasMaxVersions ? maxVersions : Integer.MAX_VALUE, start, end);
  }

  boolean wants(String column) {
    return columns.isEmpty() || columns.contains(column);
  }
}
