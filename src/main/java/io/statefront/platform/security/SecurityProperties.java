package io.statefront.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param apiUser the user REST clients authenticate as with HTTP Basic
 * @param apiPassword its password; when none is set one is generated and logged at startup
 * @param openApi when true the REST API needs no credentials (local benchmarking only)
 */
@ConfigurationProperties("statefront.security")
record SecurityProperties(@DefaultValue("api") String apiUser, String apiPassword,
		@DefaultValue("false") boolean openApi) {
}
