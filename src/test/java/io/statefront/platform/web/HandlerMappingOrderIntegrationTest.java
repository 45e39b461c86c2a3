package io.statefront.platform.web;

import java.util.List;

import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.actuate.endpoint.web.WebMvcEndpointHandlerMapping;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API request is matched against the application's mappings first, not against every actuator
 * endpoint before them, and the actuator still answers.
 */
class HandlerMappingOrderIntegrationTest extends IntegrationTest {

	@Autowired
	DispatcherServlet dispatcher;

	@Test
	void theApplicationsMappingIsAskedBeforeTheActuatorsAndBothAnswer() {
		api().get("/actuator/health"); // the dispatcher finds its mappings on its first request
		List<HandlerMapping> mappings = dispatcher.getHandlerMappings();

		assertThat(mappings).first().isInstanceOf(HandlerLookedUpOnce.Mapping.class);
		assertThat(mappings).anyMatch(WebMvcEndpointHandlerMapping.class::isInstance);
		assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
		assertThat(api().get("/payment/find_user/9000000000000000000").status()).isEqualTo(404);
	}

}
