/**
 * Metric history: where processed metrics are kept (InfluxDB, or memory) and read back for the
 * console's charts, which is why the console may use it.
 */
@NamedInterface("history")
package io.statefront.analytics.history;

import org.springframework.modulith.NamedInterface;
