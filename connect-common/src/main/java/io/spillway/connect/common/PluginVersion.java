package io.spillway.connect.common;

/** A plugin's version as the REST API shows it: the jar manifest's Implementation-Version. */
public final class PluginVersion {
  private PluginVersion() {}

  public static String of(Class<?> plugin) {
    String version = plugin.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }
}
