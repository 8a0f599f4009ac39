package io.spillway.connect.testkit;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Reads plugin metrics that Connect publishes over JMX in this JVM (the embedded workers'). */
public final class JmxMetrics {
  private JmxMetrics() {}

  /**
   * Sum of a metric over every MBean whose name mentions the connector (one per task); -1 when none
   * publishes it.
   */
  public static long sum(String connector, String attribute) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    long sum = -1;
    try {
      for (ObjectName name : server.queryNames(null, null)) {
        if (!name.toString().contains(connector)) {
          continue;
        }
        for (MBeanAttributeInfo info : server.getMBeanInfo(name).getAttributes()) {
          if (info.getName().equals(attribute)) {
            sum = Math.max(sum, 0) + ((Number) server.getAttribute(name, attribute)).longValue();
          }
        }
      }
    } catch (JMException e) {
      throw new IllegalStateException(e);
    }
    return sum;
  }
}
