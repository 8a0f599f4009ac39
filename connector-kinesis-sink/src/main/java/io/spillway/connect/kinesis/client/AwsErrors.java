package io.spillway.connect.kinesis.client;

import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sorts AWS errors into those that pass (network, throttling, server errors: retriable) and those
 * that need a person (no or rejected credentials, missing permissions, bad requests: the task fails
 * with a message that says which setting to look at).
 */
public final class AwsErrors {
  private static final Set<String> CREDENTIAL_CODES =
      Set.of(
          "UnrecognizedClientException",
          "InvalidSignatureException",
          "IncompleteSignatureException",
          "MissingAuthenticationTokenException",
          "MissingAuthenticationToken",
          "InvalidClientTokenId",
          "SignatureDoesNotMatch",
          "ExpiredTokenException",
          "ExpiredToken",
          "AccessDeniedException",
          "AccessDenied");

  private AwsErrors() {}

  public static RuntimeException translate(String what, SdkException error) {
    if (error instanceof AwsServiceException service) {
      String code = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
      if (CREDENTIAL_CODES.contains(code)) {
        return new ConnectException(
            what
                + " failed: AWS rejected the credentials ("
                + code
                + "): "
                + service.getMessage()
                + ". Check aws.access.key.id / aws.secret.access.key, the role in aws.role.arn"
                + " and its permissions.",
            error);
      }
      if (service.isThrottlingException() || service.statusCode() >= 500) {
        return new RetriableException(what + " failed: " + service.getMessage(), error);
      }
      return new ConnectException(what + " failed: " + service.getMessage(), error);
    }
    if (isMissingCredentials(error)) {
      return new ConnectException(
          what
              + " failed: no AWS credentials. Set aws.access.key.id and aws.secret.access.key"
              + " (e.g. from ${env:...}), or give the worker credentials the default provider"
              + " chain finds. "
              + error.getMessage(),
          error);
    }
    return new RetriableException(what + " failed: " + error.getMessage(), error);
  }

  private static boolean isMissingCredentials(SdkException error) {
    return error instanceof SdkClientException
        && error.getMessage() != null
        && error.getMessage().contains("Unable to load credentials");
  }
}
