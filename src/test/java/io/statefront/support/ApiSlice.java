package io.statefront.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxMvcAutoConfiguration;
import io.statefront.analytics.EventSimulator;
import io.statefront.analytics.history.MetricsStore;
import io.statefront.ledger.LedgerClient;
import io.statefront.order.OrderClient;
import io.statefront.platform.StatefrontProperties;
import io.statefront.platform.history.EntityHistory;
import io.statefront.platform.security.Credential;
import io.statefront.platform.web.ApiController;
import io.statefront.stock.StockClient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * A {@code @WebMvcTest} slice of the whole REST API: every {@link ApiController}, its problem
 * responses, and the application's own security and limits (stateless HTTP Basic as {@link ApiUser}
 * or the administrator, a 401 problem without credentials) in place of the session, form login and CSRF a slice gets by default. Mockito
 * stands in for the clients that would send to the pipeline; the same calls on the real pipeline
 * are the {@code *ApiIntegrationTest}s. Every test class annotated with it shares one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
// an annotation as the controllers selects every controller annotated with it; the security
// and limits packages whole, whatever their classes are called, with their configuration properties;
// every password set, so that none is generated into a data directory
@WebMvcTest(controllers = ApiController.class,
		// as the application does: platform.web configures the part of htmx it uses
		excludeAutoConfiguration = HtmxMvcAutoConfiguration.class,
		includeFilters = @Filter(type = FilterType.REGEX,
				pattern = "io\\.statefront\\.platform\\.(security|limits)\\..*"),
		properties = { "statefront.security.api-user=" + ApiUser.NAME,
				"statefront.security.api-password=" + ApiUser.PASSWORD,
				"statefront.security.metrics-password=slice-metrics-password" })
@Import(ApiSlice.Administrator.class)
@MockitoBean(types = { LedgerClient.class, StockClient.class, OrderClient.class, EventSimulator.class,
		MetricsStore.class, EntityHistory.class })
public @interface ApiSlice {

	/** The administrator, whom the console declares in the application. */
	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(StatefrontProperties.class)
	class Administrator {

		@Bean
		Credential sliceAdministrator() {
			return Credential.of(ApiUser.ADMINISTRATOR, ApiUser.ADMINISTRATOR_PASSWORD, Credential.ADMIN);
		}

	}

}
