package io.spillway.connect.docs;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.ConnectPlugin;

/**
 * The plugin archives whose configuration reference lives in {@code docs/reference}. Each archive
 * gets one generated file, named after it, with a section per plugin class. A plugin that ships in
 * every archive (from connect-common) gets a file of its own too.
 *
 * <p>Plugin classes are named as strings and loaded reflectively: the docs module then compiles
 * without any plugin module, and a catalog entry whose module is not (yet) a dependency fails with
 * a message naming the entry rather than a compile error somewhere else.
 */
public final class PluginCatalog {

  /**
   * Documented archives, in the order they are generated. To document a new plugin archive, add its
   * module as a dependency in docs/pom.xml and one line here.
   */
  private static final List<Archive> ARCHIVES =
      List.of(
          Archive.inEveryArchive(
              "flat-row-json-converter",
              "Spillway FlatRowJsonConverter",
              "io.spillway.connect.common.json.FlatRowJsonConverter"),
          Archive.of(
              "connect-transforms",
              "Spillway transforms",
              "io.spillway.connect.transforms.Flatten"),
          Archive.of(
              "connector-kafka-source",
              "Spillway Kafka source",
              "io.spillway.connect.kafkasource.KafkaSourceConnector"),
          Archive.of(
              "connector-redshift-sink",
              "Spillway Redshift sink",
              "io.spillway.connect.redshift.RedshiftSinkConnector"),
          Archive.of(
              "connector-kinesis-sink",
              "Spillway Kinesis sink",
              "io.spillway.connect.kinesis.KinesisSinkConnector"),
          Archive.of(
              "connector-tablestore-sink",
              "Spillway Tablestore sink",
              "io.spillway.connect.tablestore.TablestoreSinkConnector"),
          Archive.of(
              "connector-flink-upsert",
              "Spillway Flink upsert sink",
              "io.spillway.connect.flinkupsert.FlinkUpsertSinkConnector"));

  private PluginCatalog() {}

  /** Every documented archive, in catalog order. */
  public static List<Archive> archives() {
    return ARCHIVES;
  }

  /**
   * One plugin archive: its name (also the reference file name), a human title, where its plugins
   * ship (Markdown, completing "the plugins in ...") and the fully-qualified names of the plugin
   * classes, in the order they are documented.
   */
  public record Archive(String name, String title, String shippedIn, List<String> pluginClasses) {
    public Archive {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(shippedIn, "shippedIn");
      pluginClasses = List.copyOf(pluginClasses);
      if (pluginClasses.isEmpty()) {
        throw new IllegalArgumentException("Archive " + name + " lists no plugin classes");
      }
    }

    /** The plugins of the plugin archive {@code name} (a module's artifact id). */
    public static Archive of(String name, String title, String... pluginClasses) {
      return new Archive(
          name, title, "the " + Markdown.code(name) + " plugin archive", List.of(pluginClasses));
    }

    /** Plugins of connect-common, which every Spillway plugin archive ships in its lib/. */
    public static Archive inEveryArchive(String name, String title, String... pluginClasses) {
      return new Archive(
          name,
          title,
          "every Spillway plugin archive (`lib/connect-common-<version>.jar`)",
          List.of(pluginClasses));
    }
  }

  /** A plugin class of an archive, instantiated once to read its configuration definition. */
  public record Plugin(Class<?> type, ConfigDef config) {}

  /** Loads every plugin class of the archive, in catalog order. */
  public static List<Plugin> load(Archive archive) {
    return archive.pluginClasses().stream().map(name -> load(archive, name)).toList();
  }

  /**
   * Instantiates {@code className} through its public no-arg constructor, as Connect does, and asks
   * it for its {@code ConfigDef}. Connectors, transformations, predicates and converters all
   * implement {@link ConnectPlugin}, which declares {@code config()}.
   *
   * <p>The instance is not closed: Connect reads plugin config definitions the same way without
   * closing, and a plugin's {@code close()} need not be safe before {@code configure()}.
   *
   * @throws IllegalStateException naming the catalog entry and the class when anything fails
   */
  public static Plugin load(Archive archive, String className) {
    String where = "Catalog entry '" + archive.name() + "': plugin class " + className;
    Class<?> type;
    try {
      type = Class.forName(className, false, PluginCatalog.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          where
              + " not found (ClassNotFoundException). Is the module that ships it a dependency"
              + " of docs/pom.xml, and is the name spelled correctly?",
          e);
    }
    if (!ConnectPlugin.class.isAssignableFrom(type)) {
      throw new IllegalStateException(where + " is not a Connect plugin (no ConnectPlugin)");
    }
    ConnectPlugin instance;
    try {
      instance = type.asSubclass(ConnectPlugin.class).getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(where + ": its constructor threw", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          where + " cannot be instantiated through a public no-arg constructor", e);
    }
    ConfigDef definition;
    try {
      definition = instance.config();
    } catch (RuntimeException e) {
      throw new IllegalStateException(where + ": config() threw", e);
    }
    if (definition == null) {
      throw new IllegalStateException(where + ": config() returned null");
    }
    return new Plugin(type, PluginKind.of(type).userSettings(definition));
  }
}
