package io.spillway.connect.redshift.write;

import io.spillway.connect.common.sink.Cell;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One record on its way to a table: an upsert/insert of its cells, or a delete of its key. Cells
 * are keyed by column identifier, in the order columns are created.
 *
 * @param keyColumns identifiers of the primary key columns, empty when the table has no key
 * @param key the primary key values in the same order, null when the table has no key
 */
public record Change(
    SinkRecord record,
    TableId table,
    boolean delete,
    List<String> keyColumns,
    List<Object> key,
    Map<String, Cell> cells) {}
