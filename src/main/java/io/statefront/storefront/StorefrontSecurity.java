package io.statefront.storefront;

import io.statefront.platform.StatefrontProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.rememberme.TokenBasedRememberMeServices;
import org.springframework.security.web.authentication.rememberme.TokenBasedRememberMeServices.RememberMeTokenAlgorithm;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The storefront's own filter chain: public pages with a session (a guest is followed through
 * their visit, a customer is signed in to it and remembered by a signed cookie), CSRF protection
 * on, and headers that keep the pages to themselves, the content security policy first: scripts,
 * styles and connections from this origin only, no inline script.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ StorefrontProperties.class, StatefrontProperties.class })
class StorefrontSecurity {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	static final String REMEMBER_ME_COOKIE = "statefront-customer";

	@Bean
	@Order(2)
	SecurityFilterChain storefrontChain(HttpSecurity http, SecurityContextRepository storefrontContexts,
			TokenBasedRememberMeServices storefrontRememberMe) throws Exception {
		return http.securityMatcher("/", "/shop/**", "/assets/**", "/webjars/**", "/favicon.ico")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.securityContext(context -> context.securityContextRepository(storefrontContexts))
			.rememberMe(remember -> remember.rememberMeServices(storefrontRememberMe))
			.logout(logout -> logout.logoutUrl("/shop/sign-out").logoutSuccessUrl("/"))
			.exceptionHandling(refused -> refused.accessDeniedPage(RefusedRequests.PATH))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
				.frameOptions(frame -> frame.deny()))
			.build();
	}

	@Bean
	SecurityContextRepository storefrontContexts() {
		return new HttpSessionSecurityContextRepository();
	}

	@Bean
	TokenBasedRememberMeServices storefrontRememberMe(StorefrontProperties properties,
			StatefrontProperties statefront) {
		TokenBasedRememberMeServices services = new TokenBasedRememberMeServices(
				RememberMeKey.resolve(properties, statefront.dataDir()), customers(), RememberMeTokenAlgorithm.SHA256);
		services.setCookieName(REMEMBER_ME_COOKIE);
		services.setAlwaysRemember(true);
		services.setTokenValiditySeconds((int) Math.min(Integer.MAX_VALUE, properties.rememberMeFor().toSeconds()));
		return services;
	}

	/**
	 * A customer as Spring Security holds them. They have no password: the remember-me cookie's
	 * signature, by the server's key, stands for one; the constant only has to be non-empty, or
	 * Spring Security writes no cookie.
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
