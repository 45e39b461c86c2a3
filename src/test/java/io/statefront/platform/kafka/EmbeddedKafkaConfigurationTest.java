package io.statefront.platform.kafka;

import java.nio.file.Path;

import io.statefront.platform.StatefrontProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedKafkaConfigurationTest {

	@TempDir
	Path dataDir;

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(EmbeddedKafkaConfiguration.class)
		.withBean(StatefrontPropertiesRegistrar.class);

	@EnableConfigurationProperties({ StatefrontProperties.class, EmbeddedKafkaProperties.class })
	static class StatefrontPropertiesRegistrar {

	}

	@Test
	void startsABrokerInTheDataDirectoryAndPointsKafkaClientsAtIt() {
		contexts
			.withPropertyValues("statefront.data-dir=" + dataDir, "statefront.kafka.embedded.port=0",
					"statefront.kafka.embedded.controller-port=0")
			.run(context -> {
				EmbeddedKafkaBroker broker = context.getBean(EmbeddedKafkaBroker.class);
				assertThat(context.getBean(KafkaConnectionDetails.class).getBootstrapServers())
					.containsExactly(broker.bootstrapServers());
				assertThat(dataDir.resolve("kafka/meta.properties")).exists();
			});
	}

	@Test
	void stepsAsideWhenAnExternalClusterIsConfigured() {
		contexts.withPropertyValues("spring.kafka.bootstrap-servers=kafka.example:9092")
			.run(context -> {
				assertThat(context).doesNotHaveBean(EmbeddedKafkaBroker.class);
				assertThat(context).doesNotHaveBean(KafkaConnectionDetails.class);
			});
	}

}
