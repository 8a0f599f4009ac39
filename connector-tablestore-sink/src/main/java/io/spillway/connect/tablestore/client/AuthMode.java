package io.spillway.connect.tablestore.client;

/** How the sink signs its requests ({@code tablestore.auth.mode}). */
public enum AuthMode {
  /** The AccessKey pair of {@code tablestore.access.key.id} / {@code .secret}. */
  AKSK,
  /** Temporary credentials from Alibaba Cloud STS AssumeRole, refreshed before they expire. */
  STS
}
