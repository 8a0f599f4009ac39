package io.spillway.connect.testkit.tablestore;

import java.io.IOException;

/** One Tablestore API action: the protobuf request body in, the protobuf reply body out. */
@FunctionalInterface
interface OtsAction {
  byte[] handle(byte[] request) throws IOException;
}
