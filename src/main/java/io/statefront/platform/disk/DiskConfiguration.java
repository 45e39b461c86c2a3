package io.statefront.platform.disk;

import java.time.Clock;

import io.statefront.platform.StatefrontProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.handler.MappedInterceptor;

/**
 * The disk guard, its health component and the console's figures. The interceptor is a
 * {@link MappedInterceptor} bean rather than a {@code WebMvcConfigurer}, so web slice tests,
 * which have no guard, are not given one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ DiskProperties.class, StatefrontProperties.class })
class DiskConfiguration {

	@Bean
	DiskGuard diskGuard(StatefrontProperties statefront, DiskProperties disk) {
		return new DiskGuard(statefront.dataDir(), disk.threshold(), disk.checkInterval(), Clock.systemUTC());
	}

	@Bean
	DataDirUsage dataDirUsage(StatefrontProperties statefront, DiskProperties disk) {
		return new DataDirUsage(statefront, disk.usageInterval(), Clock.systemUTC());
	}

	@Bean("dataDisk")
	DataDiskHealthIndicator dataDiskHealthIndicator(DiskGuard guard) {
		return new DataDiskHealthIndicator(guard);
	}

	@Bean
	MappedInterceptor diskGuardInterceptor(DiskGuard guard) {
		return new MappedInterceptor(new String[] { "/**" }, DiskGuardInterceptor.EXCLUDED,
				new DiskGuardInterceptor(guard));
	}

}
