package io.statefront.platform.health;

import java.util.concurrent.TimeUnit;

import io.statefront.platform.gateway.RequestPool;
import io.statefront.platform.gateway.RequestReplyGateway;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Up when the reply listener has its partitions and the API's pool has room for more requests. A
 * full storefront pool is shown but leaves the gateway up: a flood of shoppers must not take the
 * instance out of its load balancer for the API too.
 */
@Component("gateway")
class GatewayHealthIndicator implements HealthIndicator {

	private final RequestReplyGateway gateway;

	GatewayHealthIndicator(RequestReplyGateway gateway) {
		this.gateway = gateway;
	}

	@Override
	public Health health() {
		int pending = gateway.pendingRequests(RequestPool.API);
		boolean up = gateway.isListening() && pending < gateway.maxPending(RequestPool.API);
		return (up ? Health.up() : Health.down()).withDetail("listening", gateway.isListening())
			.withDetail("pendingRequests", pending)
			.withDetail("maxPendingRequests", gateway.maxPending(RequestPool.API))
			.withDetail("pendingStorefrontRequests", gateway.pendingRequests(RequestPool.STOREFRONT))
			.withDetail("maxPendingStorefrontRequests", gateway.maxPending(RequestPool.STOREFRONT))
			.withDetail("replyLatencyP50Ms", percentile(0))
			.withDetail("replyLatencyP99Ms", percentile(1))
			.build();
	}

	private double percentile(int index) {
		var values = gateway.replyLatency().takeSnapshot().percentileValues();
		return (values.length > index) ? values[index].value(TimeUnit.MILLISECONDS) : 0;
	}

}
