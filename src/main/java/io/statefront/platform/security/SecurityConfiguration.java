package io.statefront.platform.security;

import java.util.List;

import io.statefront.platform.limits.LimitsProperties;
import io.statefront.platform.web.Problems;
import jakarta.servlet.DispatcherType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.util.matcher.DispatcherTypeRequestMatcher;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String PROMETHEUS = "/actuator/prometheus";

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	/** Health is public; the API user and the administrator also see each component's details. */
	@Bean
	@Order(1)
	SecurityFilterChain healthChain(HttpSecurity http, AuthenticationProvider apiCredentials) throws Exception {
		return http.securityMatcher(EndpointRequest.to(HealthEndpoint.class))
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(basic -> basic.authenticationEntryPoint(new ProblemAuthenticationEntryPoint()))
			.authenticationManager(alone(apiCredentials))
			.build();
	}

	/** The API's description and Swagger UI are public; calling the API is not. */
	@Bean
	@Order(4)
	SecurityFilterChain apiDocumentationChain(HttpSecurity http) throws Exception {
		return http.securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.build();
	}

	/**
	 * An API request whose answer waited for a reply from the functions is dispatched a second time
	 * (an asynchronous dispatch) to write that answer. Its first dispatch went through the API's
	 * chain below: credentials, role and rate were checked and counted there. Only the application
	 * starts an asynchronous dispatch, never a client, so the second needs no filter again; running
	 * the API's chain twice was a measurable share of a checkout's CPU. The storefront's and the
	 * console's chains come first and still see their own pages' asynchronous dispatches.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE - 1)
	SecurityFilterChain apiAnswerChain() {
		return new DefaultSecurityFilterChain(new DispatcherTypeRequestMatcher(DispatcherType.ASYNC));
	}

	/**
	 * The REST API, and everything else: stateless HTTP Basic; no session, so no CSRF token to send
	 * either. The API user and the administrator call the API, only the administrator runs the batch
	 * inits, and the metrics user reads {@value #PROMETHEUS} alone. Each credential has a request
	 * rate, and each address a number of wrong credentials it may send ({@code statefront.limits.*}).
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SecurityFilterChain apiChain(HttpSecurity http, SecurityProperties properties, LimitsProperties limits,
			AuthenticationProvider apiCredentials) throws Exception {
		// no matcher: the last chain covers every path no earlier chain claims, so an endpoint
		// nobody thought to list is never left open
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		if (properties.openApi()) {
			log.warn("statefront.security.open-api is deprecated (it read like OpenAPI): set "
					+ "statefront.security.api-without-credentials instead");
		}
		if (properties.apiOpen()) {
			log.warn("statefront.security.api-without-credentials=true: the REST API accepts requests without "
					+ "credentials. Use this for local benchmarking only.");
			http.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, PROMETHEUS)
				.hasAnyRole(Credential.API, Credential.ADMIN, Credential.METRICS)
				.requestMatchers("/actuator/**")
				.hasAnyRole(Credential.API, Credential.ADMIN)
				.anyRequest()
				.permitAll());
		}
		else {
			// an error page rendered for a request another chain let through (a console page
			// that failed) is that request's answer, not a new request to authenticate
			http.authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(Credential.ADMINISTRATOR_ONLY.toArray(String[]::new))
				.hasRole(Credential.ADMIN)
				.requestMatchers(HttpMethod.GET, PROMETHEUS)
				.hasAnyRole(Credential.API, Credential.ADMIN, Credential.METRICS)
				.anyRequest()
				.hasAnyRole(Credential.API, Credential.ADMIN));
		}
		return http.httpBasic(basic -> basic.authenticationEntryPoint(new ProblemAuthenticationEntryPoint()))
			.exceptionHandling(refused -> refused.accessDeniedHandler(problemForRefusedRole()))
			.addFilterAfter(new ApiRequestLimit(limits.apiRequestsPerSecond(), limits.trackedKeys()),
					BasicAuthenticationFilter.class)
			.authenticationManager(alone(apiCredentials))
			.build();
	}

	/**
	 * A manager of the API's credentials without the application's global manager as its parent:
	 * with it, a wrong password would be checked (and counted) twice, by this manager's provider
	 * and again by the parent's, the same bean.
	 */
	private static ProviderManager alone(AuthenticationProvider apiCredentials) {
		return new ProviderManager(apiCredentials);
	}

	/** The API's credentials, each address's wrong ones counted. */
	@Bean
	AuthenticationProvider apiCredentials(List<Credential> credentials, LimitsProperties limits) {
		return new FailedSignIns(new Credentials(credentials), limits.failedSignInsPerAddress(),
				limits.failedSignInsPeriod(), limits.trackedKeys());
	}

	@Bean
	Credential apiUser(SecurityProperties properties, Secrets secrets) {
		return Credential.of(properties.apiUser(), secrets.password("api-password", properties.apiPassword(),
				"statefront.security.api-password", "the API user '" + properties.apiUser() + "'"), Credential.API);
	}

	@Bean
	Credential metricsUser(SecurityProperties properties, Secrets secrets) {
		return Credential.of(properties.metricsUser(), secrets.password("metrics-password",
				properties.metricsPassword(), "statefront.security.metrics-password",
				"the metrics user '" + properties.metricsUser() + "'"), Credential.METRICS);
	}

	/** Credentials that may not do what they asked: a problem, not the container's error page. */
	private static AccessDeniedHandler problemForRefusedRole() {
		return (request, response, denied) -> ProblemAnswers.write(response, HttpStatus.FORBIDDEN,
				"These credentials may not do this: the batch inits are the administrator's, and the metrics user "
						+ "reads " + PROMETHEUS + " only",
				0);
	}

	/**
	 * A request the firewall rejects (an encoded slash, a dot segment or a semicolon in its path)
	 * gets a problem response like every other refusal, not the servlet container's error page.
	 */
	@Bean
	RequestRejectedHandler problemForRejectedRequests() {
		return (request, response, rejected) -> {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			response.getWriter().write(Problems.json(HttpStatus.BAD_REQUEST.value(),
					"The request's path holds an encoded slash, a dot segment, a semicolon or another sequence "
							+ "no address of this application has"));
		};
	}

	/**
	 * Spring Security would wrap every filter of every request in an observation (a measurable share
	 * of a page's CPU) even with its observations turned off by a predicate, which only makes them
	 * no-ops. HTTP request metrics ({@code http.server.requests}) stay.
	 */
	@Bean
	SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

}
