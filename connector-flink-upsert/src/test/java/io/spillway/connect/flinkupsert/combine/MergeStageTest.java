package io.spillway.connect.flinkupsert.combine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.sink.AckedOffsets;
import io.spillway.connect.flinkupsert.format.JsonRowSerializer;
import io.spillway.connect.flinkupsert.format.TimestampStandard;
import io.spillway.connect.flinkupsert.write.ChangeEncoder;
import io.spillway.connect.flinkupsert.write.FieldsInclude;
import io.spillway.connect.flinkupsert.write.KeyFields;
import io.spillway.connect.flinkupsert.write.Mode;
import io.spillway.connect.flinkupsert.write.RowChange;
import io.spillway.connect.flinkupsert.write.TargetTopics;
import io.spillway.connect.flinkupsert.write.UpsertChange;
import io.spillway.connect.flinkupsert.write.ValueRows;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * The merge of the orders and shipments of an order id, as the task's encoder hands the changes
 * over, and the rebuild of the state from the target (a MockConsumer holding target records).
 */
class MergeStageTest {
  private static final String TARGET = "order-events";
  private static final Schema ORDER =
      SchemaBuilder.struct()
          .field("order_id", Schema.INT64_SCHEMA)
          .field("customer", Schema.STRING_SCHEMA)
          .field("amount", Decimal.schema(2))
          .field("ordered_at", Timestamp.SCHEMA)
          .build();
  private static final Schema SHIPMENT =
      SchemaBuilder.struct()
          .field("order_id", Schema.INT64_SCHEMA)
          .field("carrier", Schema.OPTIONAL_STRING_SCHEMA)
          .field("shipped_at", Timestamp.SCHEMA)
          .build();

  private final AckedOffsets acks = new AckedOffsets();
  private final MockConsumer<byte[], byte[]> targetConsumer = new MockConsumer<>("earliest");
  private final ChangeEncoder encoder = encoder(FieldsInclude.ALL);
  private long offset;

  private static ChangeEncoder encoder(FieldsInclude include) {
    TargetTopics topics = new TargetTopics(TARGET, "${topic}", "", Mode.UPSERT, -1, (short) -1);
    return new ChangeEncoder(
        topics,
        new KeyFields(List.of("order_id"), false),
        new ValueRows(include),
        new JsonRowSerializer(TimestampStandard.SQL),
        new JsonRowSerializer(TimestampStandard.SQL));
  }

  private MergeStage stage(long maxBytes, int targetPartitions) {
    List<PartitionInfo> infos = new ArrayList<>();
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (int p = 0; p < targetPartitions; p++) {
      infos.add(new PartitionInfo(TARGET, p, Node.noNode(), new Node[0], new Node[0]));
      offsets.put(new TopicPartition(TARGET, p), 0L);
    }
    targetConsumer.updatePartitions(TARGET, infos);
    targetConsumer.updateBeginningOffsets(offsets);
    targetConsumer.updateEndOffsets(offsets);
    return new MergeStage(
        List.of("orders", "shipments"),
        TARGET,
        new JsonRowSerializer(TimestampStandard.SQL),
        new JsonRowSerializer(TimestampStandard.SQL),
        new MergedRows(maxBytes),
        new TargetStateReader(targetConsumer, TARGET, Duration.ofSeconds(5)));
  }

  private MergeStage stage() {
    return stage(1 << 20, 2);
  }

  private static List<TopicPartition> both(int partition) {
    return List.of(
        new TopicPartition("orders", partition), new TopicPartition("shipments", partition));
  }

  private RowChange order(int partition, long id, String customer, String amount) {
    Struct value =
        new Struct(ORDER)
            .put("order_id", id)
            .put("customer", customer)
            .put("amount", new BigDecimal(amount))
            .put("ordered_at", new Date(1704164645678L));
    return change("orders", partition, ORDER, value);
  }

  private RowChange shipment(int partition, long id, String carrier) {
    Struct value =
        new Struct(SHIPMENT)
            .put("order_id", id)
            .put("carrier", carrier)
            .put("shipped_at", new Date(1704164650000L));
    return change("shipments", partition, SHIPMENT, value);
  }

  private RowChange tombstone(String topic, int partition, long id) {
    SinkRecord record =
        new SinkRecord(topic, partition, Schema.INT64_SCHEMA, id, null, null, offset++);
    return encoder.change(record, acks.track(record));
  }

  private RowChange change(String topic, int partition, Schema schema, Struct value) {
    SinkRecord record = new SinkRecord(topic, partition, null, null, schema, value, offset++);
    return encoder.change(record, acks.track(record));
  }

  /** The bytes the task would send for the stage's one output change. */
  private UpsertChange sent(List<RowChange> out) {
    assertEquals(1, out.size());
    return encoder.encode(out.get(0));
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void rowsOfBothTopicsBecomeOneEventHoldingBothColumnSets() {
    MergeStage stage = stage();
    stage.assigned(both(1));
    UpsertChange first = sent(stage.apply(order(1, 7, "ada", "12.30")));
    assertEquals(
        "{\"order_id\":7,\"customer\":\"ada\",\"amount\":12.3,"
            + "\"ordered_at\":\"2024-01-02 03:04:05.678\"}",
        text(first.value()));
    RowChange shipped = shipment(1, 7, "ups");
    UpsertChange merged = sent(stage.apply(shipped));
    assertEquals("{\"order_id\":7}", text(merged.key()));
    assertEquals(
        "{\"order_id\":7,\"customer\":\"ada\",\"amount\":12.3,"
            + "\"ordered_at\":\"2024-01-02 03:04:05.678\",\"carrier\":\"ups\","
            + "\"shipped_at\":\"2024-01-02 03:04:10\"}",
        text(merged.value()));
    assertEquals(TARGET, merged.topic());
    assertEquals(1, merged.partition(), "target partition = input partition");
    assertEquals(shipped.settles(), merged.settles(), "settles the record it stands for");
    assertSame(shipped.record(), merged.record());

    // A later order change replaces the order columns only.
    UpsertChange updated = sent(stage.apply(order(1, 7, "ada lovelace", "99.00")));
    assertEquals(
        "{\"order_id\":7,\"customer\":\"ada lovelace\",\"amount\":99,"
            + "\"ordered_at\":\"2024-01-02 03:04:05.678\",\"carrier\":\"ups\","
            + "\"shipped_at\":\"2024-01-02 03:04:10\"}",
        text(updated.value()));
    // A null column of a stream replaces that column too.
    UpsertChange unset = sent(stage.apply(shipment(1, 7, null)));
    assertTrue(text(unset.value()).contains("\"carrier\":null"), text(unset.value()));
    assertTrue(text(unset.value()).contains("\"customer\":\"ada lovelace\""));
  }

  @Test
  void exceptKeyMergesTheValueColumnsWithoutTheKey() {
    ChangeEncoder exceptKey = encoder(FieldsInclude.EXCEPT_KEY);
    MergeStage stage = stage();
    stage.assigned(both(0));
    SinkRecord order =
        new SinkRecord(
            "orders",
            0,
            null,
            null,
            ORDER,
            new Struct(ORDER)
                .put("order_id", 3L)
                .put("customer", "bo")
                .put("amount", new BigDecimal("1.00"))
                .put("ordered_at", new Date(0)),
            0);
    SinkRecord shipment =
        new SinkRecord(
            "shipments",
            0,
            null,
            null,
            SHIPMENT,
            new Struct(SHIPMENT)
                .put("order_id", 3L)
                .put("carrier", "dhl")
                .put("shipped_at", new Date(0)),
            0);
    stage.apply(exceptKey.change(order, acks.track(order)));
    UpsertChange merged =
        exceptKey.encode(stage.apply(exceptKey.change(shipment, acks.track(shipment))).get(0));
    assertEquals(
        "{\"customer\":\"bo\",\"amount\":1,\"ordered_at\":\"1970-01-01 00:00:00\","
            + "\"carrier\":\"dhl\",\"shipped_at\":\"1970-01-01 00:00:00\"}",
        text(merged.value()));
  }

  @Test
  void aTombstoneOfAnyInputDeletesTheMergedRow() {
    MergeStage stage = stage();
    stage.assigned(both(0));
    stage.apply(order(0, 5, "cy", "1.00"));
    stage.apply(shipment(0, 5, "fedex"));
    UpsertChange deleted = sent(stage.apply(tombstone("shipments", 0, 5)));
    assertEquals("{\"order_id\":5}", text(deleted.key()));
    assertNull(deleted.value(), "tombstone out");
    assertEquals(0, deleted.partition());
    // The entity is gone: a new shipment starts a row of its own, without the old order columns.
    UpsertChange fresh = sent(stage.apply(shipment(0, 5, "ups")));
    assertEquals(
        "{\"order_id\":5,\"carrier\":\"ups\",\"shipped_at\":\"2024-01-02 03:04:10\"}",
        text(fresh.value()));
  }

  @Test
  void aRebuiltStateContinuesExactlyAsTheStateBeforeIt() {
    // The first task writes; its output is what the target holds.
    MergeStage before = stage();
    before.assigned(both(1));
    List<UpsertChange> written = new ArrayList<>();
    written.add(sent(before.apply(order(1, 1, "ada", "12.30"))));
    written.add(sent(before.apply(order(1, 2, "bo", "0.10"))));
    written.add(sent(before.apply(shipment(1, 2, "dhl"))));
    written.add(sent(before.apply(order(1, 3, "cy", "5.00"))));
    written.add(sent(before.apply(tombstone("orders", 1, 3))));
    before.revoked(both(1));

    MergeStage after = stage();
    TopicPartition target1 = new TopicPartition(TARGET, 1);
    targetConsumer.updateEndOffsets(Map.of(target1, (long) written.size()));
    targetConsumer.schedulePollTask(
        () -> {
          for (int i = 0; i < written.size(); i++) {
            UpsertChange c = written.get(i);
            targetConsumer.addRecord(new ConsumerRecord<>(TARGET, 1, i, c.key(), c.value()));
          }
        });
    after.assigned(both(1));

    // The late shipment of order 1 carries the order columns written before the restart.
    UpsertChange late = sent(after.apply(shipment(1, 1, "ups")));
    assertEquals(
        "{\"order_id\":1,\"customer\":\"ada\",\"amount\":12.3,"
            + "\"ordered_at\":\"2024-01-02 03:04:05.678\",\"carrier\":\"ups\","
            + "\"shipped_at\":\"2024-01-02 03:04:10\"}",
        text(late.value()));
    // Order 2 keeps its shipment columns; order 3 was deleted and starts afresh.
    UpsertChange two = sent(after.apply(order(1, 2, "bo", "0.20")));
    assertEquals(
        "{\"order_id\":2,\"customer\":\"bo\",\"amount\":0.2,"
            + "\"ordered_at\":\"2024-01-02 03:04:05.678\",\"carrier\":\"dhl\","
            + "\"shipped_at\":\"2024-01-02 03:04:10\"}",
        text(two.value()));
    UpsertChange three = sent(after.apply(shipment(1, 3, "dhl")));
    assertEquals(
        "{\"order_id\":3,\"carrier\":\"dhl\",\"shipped_at\":\"2024-01-02 03:04:10\"}",
        text(three.value()));

    // The same changes on the state that never restarted give the same bytes.
    assertArrayEquals(late.value(), lateShipmentWithoutRestart());
  }

  /** Order 1 and its late shipment on a state that never restarted. */
  private byte[] lateShipmentWithoutRestart() {
    MergeStage fresh = stage();
    fresh.assigned(both(1));
    fresh.apply(order(1, 1, "ada", "12.30"));
    return sent(fresh.apply(shipment(1, 1, "ups"))).value();
  }

  @Test
  void revokedPartitionsAreDroppedAndRebuiltWhenAssignedAgain() {
    MergeStage stage = stage();
    stage.assigned(both(0));
    stage.apply(order(0, 9, "dee", "2.00"));
    stage.revoked(both(0));
    stage.assigned(both(0)); // the target (empty here) is the only source of the state
    UpsertChange shipped = sent(stage.apply(shipment(0, 9, "ups")));
    assertEquals(
        "{\"order_id\":9,\"carrier\":\"ups\",\"shipped_at\":\"2024-01-02 03:04:10\"}",
        text(shipped.value()));
  }

  @Test
  void aPartitionOfOneInputWithoutTheSameOfTheOtherFailsTheTask() {
    MergeStage stage = stage();
    ConnectException e =
        assertThrows(
            ConnectException.class,
            () ->
                stage.assigned(
                    List.of(
                        new TopicPartition("orders", 0),
                        new TopicPartition("orders", 1),
                        new TopicPartition("shipments", 0))));
    assertTrue(e.getMessage().contains("orders-1 without shipments-1"), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains(
                "consumer.override.partition.assignment.strategy="
                    + "org.apache.kafka.clients.consumer.RangeAssignor"),
        e.getMessage());
  }

  @Test
  void aTargetWithFewerPartitionsThanTheInputsFailsTheTask() {
    MergeStage stage = stage(1 << 20, 1);
    ConnectException e = assertThrows(ConnectException.class, () -> stage.assigned(both(2)));
    assertTrue(e.getMessage().contains("which has only 1 partitions"), e.getMessage());
  }

  @Test
  void aStateGrowingPastItsLimitFailsNamingTheSetting() {
    MergeStage stage = stage(1024, 2);
    stage.assigned(both(0));
    ConnectException e =
        assertThrows(
            ConnectException.class,
            () -> {
              for (long id = 0; id < 100; id++) {
                stage.apply(order(0, id, "customer " + id, "1.00"));
              }
            });
    assertTrue(e.getMessage().contains("combine.state.max.bytes=1024"), e.getMessage());
  }
}
