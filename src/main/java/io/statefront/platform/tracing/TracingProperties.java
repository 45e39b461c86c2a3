package io.statefront.platform.tracing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param recentRequests how many of the latest requests the console's trace page chooses the
 * slowest from (a ring: the oldest make way)
 * @param openRequests how many requests at once are followed for that page; a request past this
 * bound is still traced and exported, but not kept for the page
 */
@ConfigurationProperties("statefront.tracing")
record TracingProperties(@DefaultValue("1000") int recentRequests, @DefaultValue("10000") int openRequests) {
}
