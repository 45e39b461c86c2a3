package io.statefront.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The REST API's OpenAPI description ({@code /v3/api-docs}) and Swagger UI
 * ({@code /swagger-ui.html}), both open to read; the operations they describe take the API
 * user's HTTP Basic credentials, which Swagger UI's "Authorize" asks for.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	private static final String BASIC = "basic";

	@Bean
	OpenAPI statefrontOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Statefront API")
				.description("Users and credit, payment, stock and orders, each call answered by a stateful "
						+ "function in Flink through Kafka. 4xx: not done (a problem body says why); 503 with "
						+ "Retry-After: the pipeline is not running, nothing was sent; 504: no answer in time, "
						+ "retry with the same Idempotency-Key.")
				.version("1"))
			.components(new Components().addSecuritySchemes(BASIC,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			.addSecurityItem(new SecurityRequirement().addList(BASIC));
	}

}
