package io.statefront.platform.gateway;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param replyTimeout how long a request waits for its reply before the client gets a 504
 * @param maxPending how many requests may wait for replies at once; more are refused with a 503
 */
@ConfigurationProperties("statefront.gateway")
record GatewayProperties(@DefaultValue("10s") Duration replyTimeout, @DefaultValue("20000") int maxPending) {
}
