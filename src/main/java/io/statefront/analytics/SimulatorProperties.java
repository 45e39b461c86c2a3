package io.statefront.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether the simulator sends events from the start
 * @param eventsPerSecond how many events it sends each second; changeable at run time
 */
@ConfigurationProperties("statefront.simulator")
record SimulatorProperties(@DefaultValue("true") boolean enabled, @DefaultValue("200") int eventsPerSecond) {
}
