package io.statefront.storefront;

import java.util.concurrent.TimeoutException;

import io.statefront.platform.disk.DiskSpaceLowException;
import io.statefront.platform.gateway.OutcomeUnknownException;
import io.statefront.platform.gateway.PipelineUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.requestreply.KafkaReplyTimeoutException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * The storefront's answers when the pipeline cannot answer: pages for people, where the API
 * answers with problem documents. Ahead of the API's handlers for the storefront's controllers.
 */
@ControllerAdvice(basePackageClasses = StorefrontErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class StorefrontErrors {

	// a provider: controller advice is part of every web slice, the storefront's pages are not
	private final ObjectProvider<ShopPages> pages;

	StorefrontErrors(ObjectProvider<ShopPages> pages) {
		this.pages = pages;
	}

	@ExceptionHandler(PipelineUnavailableException.class)
	ModelAndView unavailable(HttpServletRequest request, HttpServletResponse response) {
		response.setHeader(HttpHeaders.RETRY_AFTER, "5");
		return pages.getObject().problem(HttpStatus.SERVICE_UNAVAILABLE, "The shop is catching its breath",
				"The shop's pipeline is starting or restarting. Nothing was changed: please try again in a moment.",
				request);
	}

	@ExceptionHandler(DiskSpaceLowException.class)
	ModelAndView diskSpaceLow(HttpServletRequest request, HttpServletResponse response) {
		response.setHeader(HttpHeaders.RETRY_AFTER, DiskSpaceLowException.RETRY_AFTER_SECONDS);
		ModelAndView page = pages.getObject().problem(HttpStatus.SERVICE_UNAVAILABLE, "The shop is closed for a moment",
				"The shop cannot take changes just now. Nothing was changed: you can keep browsing, "
						+ "and your cart is as you left it.",
				request);
		if ("true".equals(request.getHeader("HX-Request")) && !"true".equals(request.getHeader("HX-Boosted"))) {
			// a form that swaps a panel of its own (add to cart): the message takes the page's content instead
			response.setHeader("HX-Retarget", "#page");
			response.setHeader("HX-Reswap", "outerHTML show:window:top");
			page.addObject("boosted", true);
		}
		return page;
	}

	@ExceptionHandler({ OutcomeUnknownException.class, KafkaReplyTimeoutException.class, TimeoutException.class,
			KafkaException.class, org.apache.kafka.common.KafkaException.class })
	ModelAndView unknown(HttpServletRequest request) {
		return pages.getObject().problem(HttpStatus.GATEWAY_TIMEOUT, "No answer in time",
				"The shop did not answer in time, so we cannot tell whether that went through. "
						+ "Look at your cart or orders before trying again.",
				request);
	}

}
