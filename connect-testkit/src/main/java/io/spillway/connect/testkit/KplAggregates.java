package io.spillway.connect.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a Kinesis record written by the KPL with aggregation into its user records. The format
 * (the KPL's {@code aggregation-format.md}): magic bytes {@code F3 89 9A C2}, a protobuf {@code
 * AggregatedRecord} (1: partition key table, 2: explicit hash key table, 3: records, each with 1:
 * partition key index, 2: explicit hash key index, 3: data, 4: tags), then the MD5 of the protobuf
 * bytes. Anything else, or a checksum that does not match, is a plain record and comes back whole.
 */
public final class KplAggregates {
  private static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
  private static final int MD5_LENGTH = 16;

  private KplAggregates() {}

  /** One user record: its partition key and bytes. */
  public record UserRecord(String partitionKey, byte[] data) {}

  /** True when the bytes carry the KPL's aggregation magic and a matching checksum. */
  public static boolean isAggregated(byte[] data) {
    if (data.length < MAGIC.length + MD5_LENGTH
        || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      return false;
    }
    byte[] body = Arrays.copyOfRange(data, MAGIC.length, data.length - MD5_LENGTH);
    byte[] checksum = Arrays.copyOfRange(data, data.length - MD5_LENGTH, data.length);
    return Arrays.equals(md5(body), checksum);
  }

  /** The user records in a Kinesis record, in the order the producer added them. */
  public static List<UserRecord> split(String partitionKey, byte[] data) {
    if (!isAggregated(data)) {
      return List.of(new UserRecord(partitionKey, data));
    }
    Reader message = new Reader(data, MAGIC.length, data.length - MD5_LENGTH);
    List<String> keys = new ArrayList<>();
    // Records name their key by index into the table: resolved once the whole message is read.
    List<Long> keyIndexes = new ArrayList<>();
    List<byte[]> payloads = new ArrayList<>();
    while (message.more()) {
      long tag = message.varint();
      int field = (int) (tag >>> 3);
      if (field == 1) {
        keys.add(new String(message.bytes(), StandardCharsets.UTF_8));
      } else if (field == 3) {
        Reader record = message.nested();
        long keyIndex = -1;
        byte[] payload = new byte[0];
        while (record.more()) {
          long recordTag = record.varint();
          switch ((int) (recordTag >>> 3)) {
            case 1 -> keyIndex = record.varint();
            case 3 -> payload = record.bytes();
            default -> record.skip((int) (recordTag & 7));
          }
        }
        keyIndexes.add(keyIndex);
        payloads.add(payload);
      } else {
        message.skip((int) (tag & 7));
      }
    }
    List<UserRecord> records = new ArrayList<>(payloads.size());
    for (int i = 0; i < payloads.size(); i++) {
      records.add(new UserRecord(keys.get(keyIndexes.get(i).intValue()), payloads.get(i)));
    }
    return records;
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The few protobuf wire types the format uses: varints and length-delimited fields. */
  private static final class Reader {
    private final byte[] data;
    private int position;
    private final int end;

    Reader(byte[] data, int start, int end) {
      this.data = data;
      this.position = start;
      this.end = end;
    }

    boolean more() {
      return position < end;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = data[position++];
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("malformed varint");
    }

    byte[] bytes() {
      int length = (int) varint();
      byte[] bytes = Arrays.copyOfRange(data, position, position + length);
      position += length;
      return bytes;
    }

    Reader nested() {
      int length = (int) varint();
      Reader nested = new Reader(data, position, position + length);
      position += length;
      return nested;
    }

    void skip(int wireType) {
      switch (wireType) {
        case 0 -> varint();
        case 1 -> position += 8;
        case 2 -> position += (int) varint();
        case 5 -> position += 4;
        default -> throw new IllegalArgumentException("unsupported wire type " + wireType);
      }
    }
  }
}
