package io.statefront.platform.web;

import java.util.Map;

import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import static org.assertj.core.api.Assertions.assertThat;

class HandlerLookedUpOnceTest {

	private final HandlerLookedUpOnce.Mapping mapping = new HandlerLookedUpOnce.Mapping();

	@BeforeEach
	void mapTheControllers() {
		StaticWebApplicationContext context = new StaticWebApplicationContext();
		context.registerSingleton("things", Things.class);
		context.refresh();
		mapping.setApplicationContext(context);
		mapping.afterPropertiesSet();
	}

	@Test
	void theAnswersDispatchReusesTheHandlerAndPathVariablesOfTheRequestsFirst() throws Exception {
		MockHttpServletRequest request = matchedToFindThenMovedToParts();

		request.setDispatcherType(DispatcherType.ASYNC);
		assertThat(handlerOf(request)).isEqualTo("find");
		assertThat(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)).isEqualTo(Map.of("id", "7"));
	}

	@Test
	void everyOtherDispatchLooksUp() throws Exception {
		MockHttpServletRequest request = matchedToFindThenMovedToParts();

		request.setDispatcherType(DispatcherType.ERROR);
		assertThat(handlerOf(request)).isEqualTo("parts");

		MockHttpServletRequest neverMatched = request("/things/8/parts");
		neverMatched.setDispatcherType(DispatcherType.ASYNC);
		assertThat(handlerOf(neverMatched)).isEqualTo("parts");
	}

	/** A request whose next dispatch would match another handler, should it look up again. */
	private MockHttpServletRequest matchedToFindThenMovedToParts() throws Exception {
		MockHttpServletRequest request = request("/things/7");
		assertThat(handlerOf(request)).isEqualTo("find");
		request.setRequestURI("/things/7/parts");
		return request;
	}

	private static MockHttpServletRequest request(String path) {
		return new MockHttpServletRequest("GET", path);
	}

	private String handlerOf(MockHttpServletRequest request) throws Exception {
		ServletRequestPathUtils.parseAndCache(request);
		return ((HandlerMethod) mapping.getHandler(request).getHandler()).getMethod().getName();
	}

	@RestController
	static class Things {

		@GetMapping("/things/{id}")
		String find(@PathVariable String id) {
			return id;
		}

		@GetMapping("/things/{id}/parts")
		String parts(@PathVariable String id) {
			return id;
		}

	}

}
