package io.statefront.console;

import java.util.List;
import java.util.Map;

import io.github.bucket4j.TimeMeter;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequestHeader;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponseHeader;
import io.statefront.platform.limits.LimitsProperties;
import io.statefront.platform.security.Credential;
import io.statefront.platform.security.Credentials;
import io.statefront.platform.security.Secrets;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The console's own filter chain: form sign-in as the administrator (role {@value #ROLE}), a
 * session, CSRF protection, the storefront's strict headers. An htmx request whose session has
 * expired gets {@code HX-Refresh}, so the browser reloads into the sign-in page instead of
 * showing it inside a panel. Sign-ins are throttled by {@link LoginThrottle}. The administrator's
 * credentials are also the REST API's administrator over HTTP Basic (the batch inits are theirs).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleSecurity {

	static final String ROLE = Credential.ADMIN;

	static final String LOGIN = "/console/login";

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	@Bean
	@Order(3)
	SecurityFilterChain consoleChain(HttpSecurity http, ConsoleProperties properties, LimitsProperties limits,
			@Qualifier("consoleAdministrator") Credential administrator) throws Exception {
		ExceptionMappingAuthenticationFailureHandler failures = new ExceptionMappingAuthenticationFailureHandler();
		failures.setDefaultFailureUrl(LOGIN + "?error");
		failures.setExceptionMappings(Map.of(LockedException.class.getName(), LOGIN + "?locked"));
		return http.securityMatcher("/console/**")
			.authorizeHttpRequests(requests -> requests.requestMatchers(LOGIN).permitAll().anyRequest().hasRole(ROLE))
			.authenticationManager(new ProviderManager(new LoginThrottle(new Credentials(List.of(administrator)),
					properties.adminUser(), properties.loginAttempts(), properties.lockout(), limits.trackedKeys(),
					TimeMeter.SYSTEM_MILLISECONDS)))
			.securityContext(context -> context.securityContextRepository(administrators()))
			.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens()))
			.requestCache(cache -> cache.requestCache(pagesAskedFor()))
			.formLogin(form -> form.loginPage(LOGIN).defaultSuccessUrl("/console", false).failureHandler(failures))
			.logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl(LOGIN + "?logout"))
			.exceptionHandling(refused -> refused.defaultAuthenticationEntryPointFor(
					(request, response, ex) -> {
						response.setHeader(HtmxResponseHeader.HX_REFRESH.getValue(), "true");
						new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED).commence(request, response, ex);
					}, new RequestHeaderRequestMatcher(HtmxRequestHeader.HX_REQUEST.getValue(), "true")))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.frameOptions(frame -> frame.deny()))
			.build();
	}

	/**
	 * The console's CSRF tokens, under a session attribute of their own: signing in changes the
	 * console's token, and must not make the storefront's pages in the same browser stale.
	 */
	static HttpSessionCsrfTokenRepository csrfTokens() {
		HttpSessionCsrfTokenRepository tokens = new HttpSessionCsrfTokenRepository();
		tokens.setSessionAttributeName("STATEFRONT_CONSOLE_CSRF_TOKEN");
		return tokens;
	}

	/**
	 * The page an administrator asked for before signing in, where the sign-in takes them: under a
	 * session attribute of its own, and without the {@code ?continue} that Spring Security otherwise
	 * adds to the address they land on. Only pages are remembered, not an htmx panel, a chart's data
	 * or a WebSocket handshake that found the session expired.
	 */
	private static HttpSessionRequestCache pagesAskedFor() {
		HttpSessionRequestCache cache = new HttpSessionRequestCache() {

			/** Nor is a page asked for replayed onto an htmx panel's request for the same address. */
			@Override
			public HttpServletRequest getMatchingRequest(HttpServletRequest request, HttpServletResponse response) {
				return isHtmx(request) ? null : super.getMatchingRequest(request, response);
			}

		};
		cache.setSessionAttrName("STATEFRONT_CONSOLE_SAVED_REQUEST");
		cache.setMatchingRequestParameterName(null);
		cache.setRequestMatcher(request -> HttpMethod.GET.matches(request.getMethod()) && !isHtmx(request)
				&& String.valueOf(request.getHeader(HttpHeaders.ACCEPT)).contains(MediaType.TEXT_HTML_VALUE));
		return cache;
	}

	private static boolean isHtmx(HttpServletRequest request) {
		return HtmxRequest.fromRequest(request).isHtmxRequest();
	}

	/**
	 * The administrator's sign-in kept under a session attribute of its own: a browser that is
	 * also a storefront customer keeps both, and neither chain sees the other's.
	 */
	private static HttpSessionSecurityContextRepository administrators() {
		HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();
		repository.setSpringSecurityContextKey("STATEFRONT_CONSOLE_SECURITY_CONTEXT");
		return repository;
	}

	/**
	 * The administrator: the console's one user, and the API's administrator. Their password is the
	 * configured one, or one generated once into {@code <data-dir>/secrets/console-admin-password}.
	 */
	@Bean
	Credential consoleAdministrator(ConsoleProperties properties, Secrets secrets) {
		return Credential.of(properties.adminUser(), secrets.password("console-admin-password",
				properties.adminPassword(), "statefront.console.admin-password",
				"the console's administrator '" + properties.adminUser() + "'"), Credential.ADMIN);
	}

}
