package io.statefront.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * An {@code Idempotency-Key} header that is present but blank is refused. Spring binds a blank
 * header as no header, so the request would be applied without the once-only guarantee its client
 * asked for, and applied again on the client's retry.
 */
@Configuration(proxyBeanMethods = false)
class BlankIdempotencyKeys implements WebMvcConfigurer, HandlerInterceptor {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String key = request.getHeader(IdempotencyKey.HEADER);
		if (key != null && key.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					IdempotencyKey.HEADER + " must be 1 to 255 printable ASCII characters without spaces");
		}
		return true;
	}

}
