package io.statefront.platform.web;

import java.util.List;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxHandlerMethodArgumentResolver;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequestHeader;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The part of htmx-spring-boot the console and the storefront use: a handler may take an
 * {@code HtmxRequest}, and an answer to an htmx request varies on {@code HX-Request}, so that a
 * cache never serves a page's fragment as the page. The library's own MVC auto-configuration,
 * which the application excludes, also looks up its response annotations on every request's
 * handler method, twice for an asynchronous answer: 6 % of the request threads' samples under
 * ledger load, for annotations no handler here carries (docs/benchmarks.md, "Two handler lookups
 * and htmx").
 */
@Configuration(proxyBeanMethods = false)
class HtmxRequests implements WebMvcConfigurer, HandlerInterceptor {

	private static final String HX_REQUEST = HtmxRequestHeader.HX_REQUEST.getValue();

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new HtmxHandlerMethodArgumentResolver());
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		// the asynchronous dispatch of the same request finds the header already there
		if (request.getHeader(HX_REQUEST) != null && !response.getHeaders(HttpHeaders.VARY).contains(HX_REQUEST)) {
			response.addHeader(HttpHeaders.VARY, HX_REQUEST);
		}
		return true;
	}

}
