package io.statefront.platform.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.statefront.support.IntegrationTest;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;

/** Every topic the application creates on its broker has a horizon (architecture rules 8 and 9). */
class TopicHorizonsIntegrationTest extends IntegrationTest {

	private static final List<String> COMMAND_TOPICS = List.of("users", "users-create", "stock", "stock-create",
			"orders", "orders-create");

	@Autowired
	KafkaAdmin kafkaAdmin;

	@Test
	void commandTopicsKeepTheCommandLogHorizonAndTheBrokersTimestamps() throws Exception {
		Map<String, Config> configs = configs(COMMAND_TOPICS);
		for (String topic : COMMAND_TOPICS) {
			Config config = configs.get(topic);
			assertThat(value(config, TopicConfig.RETENTION_MS_CONFIG)).as(topic)
				.isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
			assertThat(value(config, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG)).as(topic).isEqualTo("LogAppendTime");
			// a segment rolls within a tenth of the horizon, so retention frees disk as time passes
			assertThat(Long.parseLong(value(config, TopicConfig.SEGMENT_MS_CONFIG))).as(topic)
				.isLessThanOrEqualTo(Duration.ofHours(1).toMillis());
		}
	}

	@Test
	void replyAndEventTopicsHaveATimeAndASizeLimit() throws Exception {
		List<String> topics = List.of("user-events", "stock-events", "order-events", "shop-events", "recommendations",
				"website-analytics-events", "processed-metrics", "cep-alerts");
		Map<String, Config> configs = configs(topics);
		for (String topic : topics) {
			Config config = configs.get(topic);
			assertThat(Long.parseLong(value(config, TopicConfig.RETENTION_MS_CONFIG))).as(topic)
				.isBetween(1L, Duration.ofDays(1).toMillis());
			assertThat(value(config, TopicConfig.RETENTION_BYTES_CONFIG)).as(topic)
				.isEqualTo(Long.toString(256L << 20));
			assertThat(Long.parseLong(value(config, TopicConfig.SEGMENT_BYTES_CONFIG))).as(topic)
				.isLessThanOrEqualTo(64L << 20);
		}
	}

	@Test
	void theAppliedChangeLogKeepsTheEntityHistoryHorizonByTheChangesOwnTimes() throws Exception {
		Config config = configs(List.of("applied-changes")).get("applied-changes");

		assertThat(value(config, TopicConfig.RETENTION_MS_CONFIG)).isEqualTo(Long.toString(Duration.ofDays(30).toMillis()));
		assertThat(value(config, TopicConfig.RETENTION_BYTES_CONFIG)).isEqualTo(Long.toString(256L << 20));
		assertThat(value(config, TopicConfig.CLEANUP_POLICY_CONFIG)).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
		// each record carries the time of the command that made its change, which a replay repeats
		assertThat(value(config, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG)).isEqualTo("CreateTime");
		assertThat(Long.parseLong(value(config, TopicConfig.SEGMENT_MS_CONFIG)))
			.isLessThanOrEqualTo(Duration.ofHours(1).toMillis());
	}

	private Map<String, Config> configs(List<String> topics) throws Exception {
		try (AdminClient admin = AdminClients.create(kafkaAdmin, 10_000)) {
			return admin
				.describeConfigs(topics.stream().map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList())
				.all()
				.get(10, TimeUnit.SECONDS)
				.entrySet()
				.stream()
				.collect(Collectors.toMap(entry -> entry.getKey().name(), Map.Entry::getValue));
		}
	}

	private static String value(Config config, String name) {
		ConfigEntry entry = config.get(name);
		return (entry != null) ? entry.value() : null;
	}

}
