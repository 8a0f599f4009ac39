package io.spillway.connect.common.json;

import com.fasterxml.jackson.core.util.ByteArrayBuilder;

/**
 * A reusable output buffer for one JSON document at a time whose single block grows to fit the
 * documents written. Jackson's {@link ByteArrayBuilder} chains a new block (and a list node) when a
 * document outgrows the current one and keeps only the last block on {@code reset}: with a 1 KB
 * builder, every ~1.2 KB row allocated a block and was copied from two segments. Not thread-safe.
 */
public final class JsonDocumentBuffer {
  /** Documents larger than this still work, through chained blocks, without being kept. */
  private static final int MAX_BLOCK = 1 << 20;

  private int blockSize = 1024;
  private ByteArrayBuilder builder = new ByteArrayBuilder(blockSize);

  /** The emptied builder to write the next document into. */
  public ByteArrayBuilder start() {
    builder.reset();
    return builder;
  }

  /** The document written since {@link #start}; sizes the block for the next one. */
  public byte[] finish() {
    byte[] document = builder.toByteArray();
    if (document.length > blockSize) { // the builder chained blocks: start over with one
      if (document.length <= MAX_BLOCK) {
        blockSize = Math.min(Integer.highestOneBit(document.length) << 1, MAX_BLOCK);
      }
      builder = new ByteArrayBuilder(blockSize);
    }
    return document;
  }

  /** The size of the block the next document is written into (for tests). */
  int blockSize() {
    return blockSize;
  }
}
