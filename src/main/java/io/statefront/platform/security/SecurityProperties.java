package io.statefront.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param apiUser the user REST clients authenticate as with HTTP Basic
 * @param apiPassword its password; when none is set one is generated once into
 * {@code <data-dir>/secrets/api-password}
 * @param metricsUser the user Prometheus scrapes {@code /actuator/prometheus} as, and nothing else
 * @param metricsPassword its password; when none is set one is generated once into
 * {@code <data-dir>/secrets/metrics-password}
 * @param apiWithoutCredentials when true the REST API needs no credentials (local benchmarking only)
 * @param openApi the old name of {@code apiWithoutCredentials}, still accepted with a warning
 */
@ConfigurationProperties("statefront.security")
record SecurityProperties(@DefaultValue("api") String apiUser, String apiPassword,
		@DefaultValue("metrics") String metricsUser, String metricsPassword,
		@DefaultValue("false") boolean apiWithoutCredentials, @Deprecated @DefaultValue("false") boolean openApi) {

	/** Whether the REST API is open to requests without credentials, by either name. */
	boolean apiOpen() {
		return apiWithoutCredentials || openApi;
	}

}
