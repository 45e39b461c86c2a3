package io.statefront.storefront;

import java.time.Duration;

import io.statefront.support.ManualTime;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Storefront requests a second per address: five seconds' worth at once, then a short 429 page, and nothing done. */
class StorefrontRequestLimitTest {

	private final ManualTime time = new ManualTime();

	private final StorefrontRequestLimit limit = new StorefrontRequestLimit(2, 100, time);

	@Test
	void anAddressPastItsBurstIsToldToSlowDownAndTheRequestGoesNoFurther() throws Exception {
		for (int i = 0; i < 2 * StorefrontRequestLimit.BURST_SECONDS; i++) {
			assertThat(get("10.0.0.1", new MockFilterChain()).getStatus()).as("request %d", i).isEqualTo(200);
		}

		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse refused = get("10.0.0.1", chain);
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
		assertThat(refused.getContentType()).startsWith("text/html");
		assertThat(refused.getContentAsString()).contains("Please slow down", "Nothing was changed");
		assertThat(refused.getCookies()).isEmpty();
		assertThat(chain.getRequest()).as("not passed on").isNull();

		assertThat(get("10.0.0.2", new MockFilterChain()).getStatus()).as("another address").isEqualTo(200);
		time.advance(Duration.ofMillis(500));
		assertThat(get("10.0.0.1", new MockFilterChain()).getStatus()).as("half a second later, one more")
			.isEqualTo(200);
		assertThat(get("10.0.0.1", new MockFilterChain()).getStatus()).isEqualTo(429);
	}

	@Test
	void anIpv6ClientCountsByItsSlash64() throws Exception {
		for (int i = 0; i < 2 * StorefrontRequestLimit.BURST_SECONDS; i++) {
			get("2001:db8::" + Integer.toHexString(i + 1), new MockFilterChain());
		}
		assertThat(get("2001:db8::ffff", new MockFilterChain()).getStatus()).as("a new address in the same /64")
			.isEqualTo(429);
		assertThat(get("2001:db8:0:1::1", new MockFilterChain()).getStatus()).as("the next /64").isEqualTo(200);
	}

	private MockHttpServletResponse get(String address, MockFilterChain chain) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/shop/product/3");
		request.setRemoteAddr(address);
		MockHttpServletResponse response = new MockHttpServletResponse();
		limit.doFilter(request, response, chain);
		return response;
	}

}
