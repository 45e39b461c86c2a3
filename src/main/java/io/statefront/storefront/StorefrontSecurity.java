package io.statefront.storefront;

import java.util.UUID;

import io.statefront.platform.limits.LimitsProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.rememberme.PersistentTokenBasedRememberMeServices;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * The storefront's own filter chains. Its pages are public, with CSRF protection on, and headers
 * that keep them to themselves, the content security policy first: scripts, styles and
 * connections from this origin only, no inline script.
 *
 * <p>Only a customer has a session: a visitor who looks (a crawler too) costs the server no memory.
 * Their CSRF token is a cookie ({@code XSRF-TOKEN}, the double-submit pattern: a form or an htmx
 * request must carry the page's copy of it), who they are to the recommendations is a cookie
 * ({@link Shoppers}), and nothing saves a request to replay after a sign-in. A customer is signed
 * in to a session and remembered across visits by a cookie that stands for a row of
 * {@link RememberedCustomers}, which sign-out and the user's removal delete. The static files have a
 * chain of their own, with no session and no remember-me at all.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorefrontProperties.class)
class StorefrontSecurity {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	static final String REMEMBER_ME_COOKIE = "statefront-customer";

	@Bean
	@Order(2)
	SecurityFilterChain storefrontFilesChain(HttpSecurity http) throws Exception {
		return http.securityMatcher("/assets/**", "/webjars/**", "/favicon.ico", "/shop/pictures/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.requestCache(new NullRequestCache()))
			.csrf(csrf -> csrf.disable())
			.headers(StorefrontSecurity::strictHeaders)
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain storefrontChain(HttpSecurity http, SecurityContextRepository storefrontContexts,
			PersistentTokenBasedRememberMeServices storefrontRememberMe, CookieCsrfTokenRepository storefrontCsrfTokens,
			LimitsProperties limits) throws Exception {
		return http.securityMatcher("/", "/shop/**")
			// after the headers (a refusal keeps the policy), before anything that reads cookies
			.addFilterAfter(new StorefrontRequestLimit(limits.storefrontRequestsPerSecond(), limits.trackedKeys()),
					HeaderWriterFilter.class)
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.securityContext(context -> context.securityContextRepository(storefrontContexts))
			.csrf(csrf -> csrf.csrfTokenRepository(storefrontCsrfTokens))
			.requestCache(cache -> cache.requestCache(new NullRequestCache()))
			.rememberMe(remember -> remember.rememberMeServices(storefrontRememberMe))
			.logout(logout -> logout.logoutUrl("/shop/sign-out")
				.logoutSuccessUrl("/")
				.deleteCookies(Shoppers.SHOPPER_COOKIE, Shoppers.VISIT_COOKIE, RecentViews.COOKIE))
			.exceptionHandling(refused -> refused.accessDeniedPage(RefusedRequests.PATH))
			.headers(StorefrontSecurity::strictHeaders)
			.build();
	}

	private static void strictHeaders(
			org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> headers) {
		headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
			.frameOptions(frame -> frame.deny());
	}

	@Bean
	SecurityContextRepository storefrontContexts() {
		return new HttpSessionSecurityContextRepository();
	}

	/**
	 * The storefront's CSRF tokens, in a cookie of the visitor's rather than a session: the pages
	 * carry the token (masked) for forms, htmx and the STOMP {@code CONNECT}; a site elsewhere can
	 * send the cookie but cannot read it to put it in a form.
	 */
	@Bean
	CookieCsrfTokenRepository storefrontCsrfTokens() {
		CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
		tokens.setCookiePath("/");
		tokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
		return tokens;
	}

	@Bean
	PersistentTokenBasedRememberMeServices storefrontRememberMe(StorefrontProperties properties,
			PersistentTokenRepository rememberedCustomers) {
		// the key only tells this application's remember-me sign-ins from others within one request:
		// the cookie is a random token the database keeps, nothing signed
		PersistentTokenBasedRememberMeServices services = new PersistentTokenBasedRememberMeServices(
				UUID.randomUUID().toString(), customers(), rememberedCustomers);
		services.setCookieName(REMEMBER_ME_COOKIE);
		services.setAlwaysRemember(true);
		services.setTokenValiditySeconds((int) Math.min(Integer.MAX_VALUE, properties.rememberMeFor().toSeconds()));
		return services;
	}

	/**
	 * A customer as Spring Security holds them. They have no password: the remember-me cookie, a
	 * random token the server keeps, stands for one; the constant only has to be non-empty.
	 */
	static UserDetails details(Customer customer) {
		return User.withUsername(customer.username()).password("customer").roles(Customer.ROLE).build();
	}

	private static UserDetailsService customers() {
		return username -> Customer.parse(username)
			.map(StorefrontSecurity::details)
			.orElseThrow(() -> new UsernameNotFoundException("Not a customer"));
	}

}
