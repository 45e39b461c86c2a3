package io.statefront.storefront;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Reads who the shopper is while the request is still on its own thread, where the security
 * context is (storefront pages are finished on the threads that receive the pipeline's answers),
 * and gives a visitor the cookies that follow them ({@link Shoppers}). Not for the pictures.
 */
@Configuration(proxyBeanMethods = false)
class CustomerInterceptor implements WebMvcConfigurer, HandlerInterceptor {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/", "/shop/**").excludePathPatterns("/shop/pictures/**");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		Customer.of(request);
		Shoppers.greet(request, response);
		return true;
	}

}
