package io.spillway.connect.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Records every log event of this JVM (workers, brokers, plugins) at or above the root logger's
 * level (WARN in tests) while open, to count what an incident writes to the log. Usage: {@code try
 * (LogCapture log = LogCapture.start()) { ... log.events(...) }}.
 */
public final class LogCapture implements AutoCloseable {

  /** One captured line: level, logger, message, and whether a stack trace came with it. */
  public record Line(Level level, String logger, String message, boolean withStackTrace) {
    @Override
    public String toString() {
      return level + " " + logger + " - " + message + (withStackTrace ? " [+stack trace]" : "");
    }
  }

  private final List<Line> lines = new ArrayList<>();
  private final AbstractAppender appender;

  private LogCapture() {
    appender =
        new AbstractAppender(
            "capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            Line line =
                new Line(
                    event.getLevel(),
                    event.getLoggerName(),
                    event.getMessage().getFormattedMessage(),
                    event.getThrown() != null);
            synchronized (lines) {
              lines.add(line);
            }
          }
        };
    appender.start();
    root().addAppender(appender);
  }

  /** Starts capturing. */
  public static LogCapture start() {
    return new LogCapture();
  }

  private static org.apache.logging.log4j.core.Logger root() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    return context.getRootLogger();
  }

  /** The lines captured so far that match. */
  public List<Line> lines(Predicate<Line> filter) {
    synchronized (lines) {
      return lines.stream().filter(filter).toList();
    }
  }

  /** Every line captured so far. */
  public List<Line> lines() {
    return lines(line -> true);
  }

  @Override
  public void close() {
    root().removeAppender(appender);
    appender.stop();
  }
}
