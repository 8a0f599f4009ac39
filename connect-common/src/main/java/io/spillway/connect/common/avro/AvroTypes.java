package io.spillway.connect.common.avro;

import io.spillway.connect.common.data.FineTime;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericFixed;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Avro types as Connect column types. Logical types map to Connect logical types: decimal →
 * Decimal, date → Date, time-millis → Time, timestamp-millis and local-timestamp-millis →
 * Timestamp, uuid → string. Finer ones (time-micros, timestamp-micros/nanos, local-timestamp-
 * micros/nanos) keep every digit as an INT64 count named by {@link FineTime}, since Connect's Time
 * and Timestamp hold milliseconds only. Records, arrays, maps and unions of several types become
 * JSON text.
 */
public final class AvroTypes {
  static final Schema DATE = org.apache.kafka.connect.data.Date.builder().optional().build();
  static final Schema TIME = Time.builder().optional().build();
  static final Schema TIMESTAMP = Timestamp.builder().optional().build();
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private AvroTypes() {}

  /** The non-null branch of a {@code [null, X]} union; the schema itself otherwise. */
  public static org.apache.avro.Schema unwrapOptional(org.apache.avro.Schema schema) {
    if (schema.getType() != org.apache.avro.Schema.Type.UNION) {
      return schema;
    }
    List<org.apache.avro.Schema> branches = schema.getTypes();
    if (branches.size() == 2) {
      if (branches.get(0).getType() == org.apache.avro.Schema.Type.NULL) {
        return branches.get(1);
      }
      if (branches.get(1).getType() == org.apache.avro.Schema.Type.NULL) {
        return branches.get(0);
      }
    }
    return schema;
  }

  /** The column type; {@link Schema#OPTIONAL_STRING_SCHEMA} means "JSON or text form". */
  public static Schema connectType(org.apache.avro.Schema avro) {
    LogicalType logical = avro.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal decimal) {
      return Decimal.builder(decimal.getScale())
          .optional()
          .parameter("connect.decimal.precision", Integer.toString(decimal.getPrecision()))
          .build();
    }
    if (logical instanceof LogicalTypes.Date) {
      return DATE;
    }
    FineTime fine = fineTime(logical);
    if (fine != null) {
      return fine.optionalSchema();
    }
    if (logical instanceof LogicalTypes.TimeMillis) {
      return TIME;
    }
    if (isTimestamp(logical)) {
      return TIMESTAMP;
    }
    if (logical instanceof LogicalTypes.Uuid) {
      return Schema.OPTIONAL_STRING_SCHEMA;
    }
    return switch (avro.getType()) {
      case BOOLEAN -> Schema.OPTIONAL_BOOLEAN_SCHEMA;
      case INT -> Schema.OPTIONAL_INT32_SCHEMA;
      case LONG -> Schema.OPTIONAL_INT64_SCHEMA;
      case FLOAT -> Schema.OPTIONAL_FLOAT32_SCHEMA;
      case DOUBLE -> Schema.OPTIONAL_FLOAT64_SCHEMA;
      case BYTES, FIXED -> Schema.OPTIONAL_BYTES_SCHEMA;
      default -> Schema.OPTIONAL_STRING_SCHEMA; // string, enum, null, record, array, map, union
    };
  }

  /** Converts a generic datum of a non-nested Avro type to the value of {@link #connectType}. */
  public static Object connectValue(org.apache.avro.Schema avro, Object value) {
    if (value == null) {
      return null;
    }
    LogicalType logical = avro.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal decimal) {
      return new BigDecimal(new BigInteger(bytes(value)), decimal.getScale());
    }
    if (logical instanceof LogicalTypes.Date) {
      return new Date(((Integer) value) * MILLIS_PER_DAY);
    }
    if (logical instanceof LogicalTypes.TimeMillis) {
      return new Date((Integer) value);
    }
    if (isTimestamp(logical)) {
      return new Date((Long) value);
    }
    if (logical instanceof LogicalTypes.Uuid && value instanceof GenericFixed fixed) {
      ByteBuffer buffer = ByteBuffer.wrap(fixed.bytes());
      return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }
    return switch (avro.getType()) {
      case BOOLEAN, INT, LONG, FLOAT, DOUBLE -> value;
      case BYTES, FIXED -> bytes(value);
      default -> value.toString(); // Utf8, enum symbol
    };
  }

  /** Millisecond timestamps: the ones Connect's Timestamp holds exactly. */
  private static boolean isTimestamp(LogicalType logical) {
    return logical instanceof LogicalTypes.TimestampMillis
        || logical instanceof LogicalTypes.LocalTimestampMillis;
  }

  /** The exact INT64 form of a time or timestamp finer than milliseconds; null for others. */
  public static FineTime fineTime(LogicalType logical) {
    if (logical instanceof LogicalTypes.TimestampMicros) {
      return FineTime.TIMESTAMP_MICROS;
    }
    if (logical instanceof LogicalTypes.TimestampNanos) {
      return FineTime.TIMESTAMP_NANOS;
    }
    if (logical instanceof LogicalTypes.LocalTimestampMicros) {
      return FineTime.LOCAL_TIMESTAMP_MICROS;
    }
    if (logical instanceof LogicalTypes.LocalTimestampNanos) {
      return FineTime.LOCAL_TIMESTAMP_NANOS;
    }
    if (logical instanceof LogicalTypes.TimeMicros) {
      return FineTime.TIME_MICROS;
    }
    return null;
  }

  static byte[] bytes(Object value) {
    if (value instanceof GenericFixed fixed) {
      return fixed.bytes().clone();
    }
    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
