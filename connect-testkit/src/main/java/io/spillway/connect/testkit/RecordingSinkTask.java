package io.spillway.connect.testkit;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/** The task of {@link RecordingSinkConnector}: appends every batch to {@link RecordingSink}. */
public class RecordingSinkTask extends SinkTask {

  private String recordingName;

  @Override
  public String version() {
    return RecordingSinkConnector.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    recordingName =
        Objects.requireNonNull(
            props.get(RecordingSinkConnector.RECORDING_NAME_CONFIG),
            RecordingSinkConnector.RECORDING_NAME_CONFIG);
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    if (!records.isEmpty()) {
      RecordingSink.append(recordingName, records);
    }
  }

  @Override
  public void stop() {}
}
