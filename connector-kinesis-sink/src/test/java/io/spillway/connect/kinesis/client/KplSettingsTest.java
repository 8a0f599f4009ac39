package io.spillway.connect.kinesis.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.kinesis.KinesisSinkConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;

class KplSettingsTest {
  private static KinesisSinkConfig config(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>();
    props.put("kinesis.region", "eu-west-1");
    props.put("kinesis.endpoint", "kinesis.internal");
    props.put("kinesis.port", "8443");
    props.put("kinesis.verify.certificate", "false");
    props.put("buffer.size", "100");
    props.putAll(extra);
    return new KinesisSinkConfig(props);
  }

  @Test
  void kplSettingsPassThroughAndTheSinksOwnWin() {
    KinesisSinkConfig config =
        config(
            Map.of(
                "kpl.RecordMaxBufferedTime", "250",
                "kpl.AggregationEnabled", "false",
                "kpl.ThreadingModel", "POOLED",
                "kpl.Region", "us-west-2"));
    assertEquals(Map.of(), config.kpl().errors());
    KinesisProducerConfiguration kpl =
        config
            .kpl()
            .configuration(
                config.client(), AnonymousCredentialsProvider.create(), Path.of("/tmp/x"), 100);
    assertEquals(250, kpl.getRecordMaxBufferedTime());
    assertEquals(false, kpl.isAggregationEnabled());
    assertEquals("eu-west-1", kpl.getRegion(), "kinesis.region wins over kpl.Region");
    assertEquals("kinesis.internal", kpl.getKinesisEndpoint());
    assertEquals(8443, kpl.getKinesisPort());
    assertEquals(false, kpl.isVerifyCertificate());
    assertEquals(100, kpl.getCollectionMaxCount(), "buffer.size");
    assertEquals("none", kpl.getMetricsLevel(), "no CloudWatch upload unless asked");
    assertEquals("/tmp/x", kpl.getTempDirectory());
  }

  @Test
  void unknownSettingsAndBadValuesAreNamed() {
    Map<String, String> errors =
        config(Map.of("kpl.RecordMaxBufferTime", "250", "kpl.RecordTtl", "soon")).kpl().errors();
    assertEquals(2, errors.size(), errors.toString());
    assertTrue(errors.get("kpl.RecordMaxBufferTime").contains("not a setting"), errors.toString());
    assertTrue(errors.get("kpl.RecordTtl").contains("not a value"), errors.toString());
  }
}
