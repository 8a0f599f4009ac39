package io.spillway.connect.common.transforms;

import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * The Flatten transform under the class name it had before it moved into this module: configs that
 * name {@code io.spillway.connect.common.transforms.Flatten} keep working.
 *
 * @deprecated use {@link io.spillway.connect.transforms.Flatten}.
 */
@Deprecated
public class Flatten<R extends ConnectRecord<R>>
    extends io.spillway.connect.transforms.Flatten<R> {}
