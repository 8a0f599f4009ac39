package io.spillway.connect.common.config;

import java.net.URI;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** A list of absolute http(s) URLs (the list may be empty). */
public final class UrlListValidator implements ConfigDef.Validator {

  @Override
  public void ensureValid(String name, Object value) {
    if (value == null) {
      return;
    }
    for (Object item : (List<?>) value) {
      String url = item.toString().trim();
      try {
        URI uri = new URI(url);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
            || uri.getHost() == null) {
          throw new ConfigException(name, value, "'" + url + "' is not an http(s) URL");
        }
      } catch (java.net.URISyntaxException e) {
        throw new ConfigException(name, value, "'" + url + "' is not a URL: " + e.getMessage());
      }
    }
  }

  @Override
  public String toString() {
    return "http(s) URLs, comma-separated";
  }
}
