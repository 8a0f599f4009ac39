package io.spillway.connect.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's files in one folder: {@value #RESULTS} (every row's figures, the source of truth),
 * {@value #REPORT} and {@value #PLOT} (both generated from it). A run replaces the rows it ran and
 * keeps the others, each with its own date and size.
 */
final class BenchResults {
  static final String RESULTS = "benchmarks.json";
  static final String REPORT = "benchmarks.md";
  static final String PLOT = "benchmarks.svg";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BenchResults() {}

  /** Merges {@code fresh} into the folder's results and rewrites all three files. */
  static List<RowResult> update(Path folder, List<RowResult> fresh) throws IOException {
    Map<String, RowResult> byId = new LinkedHashMap<>();
    for (RowResult old : read(folder)) {
      byId.put(old.id(), old);
    }
    for (RowResult row : fresh) {
      byId.put(row.id(), row);
    }
    List<RowResult> merged = new ArrayList<>();
    for (String id : BenchRows.ids()) { // report order; rows no longer defined are dropped
      if (byId.containsKey(id)) {
        merged.add(byId.get(id));
      }
    }
    Files.createDirectories(folder);
    Files.writeString(
        folder.resolve(RESULTS), JSON.writeValueAsString(merged) + "\n", StandardCharsets.UTF_8);
    Files.writeString(folder.resolve(REPORT), BenchReport.markdown(merged), StandardCharsets.UTF_8);
    Files.writeString(folder.resolve(PLOT), BenchPlot.svg(merged), StandardCharsets.UTF_8);
    return merged;
  }

  /** The rows stored in the folder, none when there is no results file yet. */
  static List<RowResult> read(Path folder) throws IOException {
    Path file = folder.resolve(RESULTS);
    if (!Files.exists(file)) {
      return List.of();
    }
    return JSON.readValue(file.toFile(), new TypeReference<List<RowResult>>() {});
  }
}
