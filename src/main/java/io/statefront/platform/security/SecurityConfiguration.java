package io.statefront.platform.security;

import java.util.UUID;

import jakarta.servlet.DispatcherType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	/** Health is public; the API user also sees each component's details. */
	@Bean
	@Order(1)
	SecurityFilterChain healthChain(HttpSecurity http, ApiUserAuthenticationProvider apiUser) throws Exception {
		return http.securityMatcher(EndpointRequest.to(HealthEndpoint.class))
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(Customizer.withDefaults())
			.authenticationProvider(apiUser)
			.build();
	}

	/**
	 * The REST API, and everything else: stateless HTTP Basic as the configured API user; no
	 * session, so no CSRF token to send either.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SecurityFilterChain apiChain(HttpSecurity http, SecurityProperties properties,
			ApiUserAuthenticationProvider apiUser) throws Exception {
		// no matcher: the last chain covers every path no earlier chain claims, so an endpoint
		// nobody thought to list is never left open
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		if (properties.openApi()) {
			log.warn("statefront.security.open-api=true: the REST API accepts requests without credentials. "
					+ "Use this for local benchmarking only.");
			http.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/**")
				.authenticated()
				.anyRequest()
				.permitAll());
		}
		else {
			// an error page rendered for a request another chain let through (a console page
			// that failed) is that request's answer, not a new request to authenticate
			http.authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.anyRequest()
				.authenticated());
		}
		return http.httpBasic(basic -> basic.authenticationEntryPoint(new ProblemAuthenticationEntryPoint()))
			.authenticationProvider(apiUser)
			.build();
	}

	@Bean
	ApiUserAuthenticationProvider apiUserAuthenticationProvider(SecurityProperties properties) {
		String password = properties.apiPassword();
		if (!StringUtils.hasText(password)) {
			password = UUID.randomUUID().toString();
			log.warn("\n\nUsing generated API password for user '{}': {}\n\n"
					+ "Set statefront.security.api-password to choose one.\n", properties.apiUser(), password);
		}
		return new ApiUserAuthenticationProvider(properties.apiUser(), password);
	}

}
