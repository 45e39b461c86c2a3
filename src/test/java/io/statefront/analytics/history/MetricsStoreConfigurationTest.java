package io.statefront.analytics.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.statefront.platform.StatefrontProperties;
import io.statefront.support.Installed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of the three places metric history goes to, by configuration and by what the machine has. */
class MetricsStoreConfigurationTest {

	@TempDir
	Path dataDir;

	private ApplicationContextRunner context() {
		return new ApplicationContextRunner().withUserConfiguration(Meters.class, MetricsStoreConfiguration.class)
			.withPropertyValues("statefront.data-dir=" + dataDir, "statefront.influx.managed.port=0");
	}

	@Test
	void keepsHistoryInMemoryWhenNoInfluxdIsFound() {
		context().withPropertyValues("statefront.influx.managed.binary=no-such-influxd").run(context -> {
			MetricsStore store = context.getBean(MetricsStore.class);
			assertThat(store).isInstanceOf(InMemoryMetricsStore.class);
			assertThat(store.mode()).isEqualTo("in-memory");
			assertThat(store.available()).isTrue();
		});
	}

	@Test
	void keepsHistoryInMemoryWhenTheManagedModeIsSwitchedOff() {
		Installed.influxd();
		context().withPropertyValues("statefront.influx.managed.enabled=false")
			.run(context -> assertThat(context.getBean(MetricsStore.class).mode()).isEqualTo("in-memory"));
	}

	@Test
	void runsTheInfluxdItFindsWithItsDataInTheDataDirectoryAndStopsItWithTheContext() {
		Installed.influxd();
		Path pidFile = dataDir.resolve("influxdb").resolve("influxd.pid");
		long[] pid = new long[1];
		context().run(context -> {
			MetricsStore store = context.getBean(MetricsStore.class);
			assertThat(store.mode()).isEqualTo("managed");
			assertThat(store.available()).isTrue();
			assertThat(pidFile).exists();
			pid[0] = Long.parseLong(Files.readString(pidFile).trim());
			assertThat(InfluxQl.series(((InfluxMetricsStore) store).url(), "", "SHOW DATABASES").path("values")
				.toString()).contains("statefront");
		});
		assertThat(InfluxdProcesses.running(pid[0])).isFalse();
		assertThat(pidFile).doesNotExist();
	}

	@Test
	void usesTheConfiguredServerBeforeAnyInfluxdOfItsOwn(@TempDir Path serverHome) throws IOException {
		try (ManagedInfluxd external = ManagedInfluxd.start(Installed.influxd(), serverHome, 0, Duration.ofSeconds(30))) {
			context().withPropertyValues("statefront.influx.url=" + external.url(), "statefront.influx.database=shop")
				.run(context -> {
					InfluxMetricsStore store = (InfluxMetricsStore) context.getBean(MetricsStore.class);
					assertThat(store.mode()).isEqualTo("external");
					assertThat(store.url()).isEqualTo(external.url());
					assertThat(dataDir.resolve("influxdb")).doesNotExist();
					assertThat(InfluxQl.series(external.url(), "", "SHOW DATABASES").path("values").toString())
						.contains("shop");
				});
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ InfluxProperties.class, StatefrontProperties.class })
	static class Meters {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
