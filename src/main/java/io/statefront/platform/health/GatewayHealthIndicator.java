package io.statefront.platform.health;

import java.util.concurrent.TimeUnit;

import io.statefront.platform.gateway.RequestReplyGateway;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Up when the reply listener has its partitions and there is room for more requests. */
@Component("gateway")
class GatewayHealthIndicator implements HealthIndicator {

	private final RequestReplyGateway gateway;

	GatewayHealthIndicator(RequestReplyGateway gateway) {
		this.gateway = gateway;
	}

	@Override
	public Health health() {
		int pending = gateway.pendingRequests();
		boolean up = gateway.isListening() && pending < gateway.maxPending();
		return (up ? Health.up() : Health.down()).withDetail("listening", gateway.isListening())
			.withDetail("pendingRequests", pending)
			.withDetail("maxPendingRequests", gateway.maxPending())
			.withDetail("replyLatencyP50Ms", percentile(0))
			.withDetail("replyLatencyP99Ms", percentile(1))
			.build();
	}

	private double percentile(int index) {
		var values = gateway.replyLatency().takeSnapshot().percentileValues();
		return (values.length > index) ? values[index].value(TimeUnit.MILLISECONDS) : 0;
	}

}
