package io.spillway.connect.kinesis.client;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * The credentials and HTTP client every AWS call of a task shares: static keys or the default
 * provider chain, optionally exchanged for an assumed role (refreshed before it expires). The HTTP
 * client is named explicitly: the plugin's class path may hold more than one implementation.
 */
public final class AwsClients implements AutoCloseable {
  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final StsClient sts;

  public AwsClients(KinesisClientConfig config) {
    this.http =
        Apache5HttpClient.builder()
            .buildWithDefaults(
                AttributeMap.builder()
                    .put(
                        SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES,
                        !config.verifyCertificate())
                    .build());
    AwsCredentialsProvider caller =
        config.accessKeyId().isEmpty()
            ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(
                AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey().value()));
    if (config.roleArn().isEmpty()) {
      this.sts = null;
      this.credentials = caller;
    } else {
      this.sts =
          StsClient.builder()
              .region(Region.of(config.region()))
              .credentialsProvider(caller)
              .httpClient(http)
              .build();
      String externalId = config.roleExternalId().value();
      this.credentials =
          StsAssumeRoleCredentialsProvider.builder()
              .stsClient(sts)
              .refreshRequest(
                  request ->
                      request
                          .roleArn(config.roleArn())
                          .roleSessionName(config.roleSessionName())
                          .externalId(externalId.isEmpty() ? null : externalId))
              .build();
    }
  }

  public SdkHttpClient http() {
    return http;
  }

  public AwsCredentialsProvider credentials() {
    return credentials;
  }

  @Override
  public void close() {
    if (credentials instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // nothing left to release that matters
      }
    }
    if (sts != null) {
      sts.close();
    }
    http.close();
  }
}
