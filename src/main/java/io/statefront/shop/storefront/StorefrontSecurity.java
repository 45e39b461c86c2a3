package io.statefront.shop.storefront;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The storefront's own filter chain: public pages with a session (a guest is followed through
 * their visit), CSRF protection on, and headers that keep the pages to themselves, the content
 * security policy first: scripts, styles and connections from this origin only, no inline script.
 */
@Configuration(proxyBeanMethods = false)
class StorefrontSecurity {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	@Bean
	@Order(2)
	SecurityFilterChain storefrontChain(HttpSecurity http) throws Exception {
		return http.securityMatcher("/", "/shop/**", "/css/**", "/js/**", "/webjars/**", "/favicon.ico")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
				.frameOptions(frame -> frame.deny()))
			.build();
	}

}
