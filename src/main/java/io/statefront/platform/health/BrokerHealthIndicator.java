package io.statefront.platform.health;

import java.util.concurrent.TimeUnit;

import io.statefront.platform.kafka.AdminClients;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/** Up when the Kafka cluster (embedded or external) answers a describe-cluster call. */
@Component("broker")
class BrokerHealthIndicator implements HealthIndicator, DisposableBean {

	private static final int TIMEOUT_MS = 2000;

	private final AdminClient admin;

	BrokerHealthIndicator(KafkaAdmin kafkaAdmin) {
		this.admin = AdminClients.create(kafkaAdmin, TIMEOUT_MS);
	}

	@Override
	public Health health() {
		try {
			DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS));
			return Health.up()
				.withDetail("clusterId", cluster.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS))
				.withDetail("brokers", cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size())
				.build();
		}
		catch (Exception ex) {
			return Health.down(ex).build();
		}
	}

	@Override
	public void destroy() {
		admin.close();
	}

}
