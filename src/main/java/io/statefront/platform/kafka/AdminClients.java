package io.statefront.platform.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;

import org.springframework.kafka.core.KafkaAdmin;

/** Admin clients for questions a person waits on (health, the console): they give up after {@code timeoutMs}. */
public final class AdminClients {

	private AdminClients() {
	}

	public static AdminClient create(KafkaAdmin kafkaAdmin, int timeoutMs) {
		Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
		return AdminClient.create(config);
	}

}
