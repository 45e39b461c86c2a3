package io.statefront.storefront;

import java.util.concurrent.TimeoutException;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponseHeader;
import io.statefront.platform.disk.DiskSpaceLowException;
import io.statefront.platform.gateway.OutcomeUnknownException;
import io.statefront.platform.gateway.PipelineUnavailableException;
import io.statefront.platform.web.PipelineFailure;
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

	/** What {@link PipelineFailure} reads each failure of the pipeline as, said to a shopper. */
	@ExceptionHandler({ PipelineUnavailableException.class, OutcomeUnknownException.class,
			KafkaReplyTimeoutException.class, TimeoutException.class, KafkaException.class,
			org.apache.kafka.common.KafkaException.class })
	ModelAndView pipelineFailed(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		PipelineFailure failure = PipelineFailure.of(ex).orElseThrow(() -> new IllegalArgumentException(ex));
		if (failure == PipelineFailure.NOT_SENT) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "5");
			return pages.getObject().problem(HttpStatus.SERVICE_UNAVAILABLE, "The shop is catching its breath",
					"The shop's pipeline is starting or restarting. Nothing was changed: please try again in a moment.",
					request);
		}
		// sent, and no answer: it may or may not have gone through
		return pages.getObject().problem(HttpStatus.GATEWAY_TIMEOUT, "No answer in time",
				"The shop did not answer in time, so we cannot tell whether that went through. "
						+ "Look at your cart or orders before trying again.",
				request);
	}

	@ExceptionHandler(DiskSpaceLowException.class)
	ModelAndView diskSpaceLow(HttpServletRequest request, HttpServletResponse response) {
		response.setHeader(HttpHeaders.RETRY_AFTER, DiskSpaceLowException.RETRY_AFTER_SECONDS);
		return asPage(pages.getObject().problem(HttpStatus.SERVICE_UNAVAILABLE, "The shop is closed for a moment",
				"The shop cannot take changes just now. Nothing was changed: you can keep browsing, "
						+ "and your cart is as you left it.",
				request), request, response);
	}

	/** A guest not made a customer, as too many were lately: when to come back, with Retry-After. */
	@ExceptionHandler(TooManySignUpsException.class)
	ModelAndView tooManySignUps(TooManySignUpsException ex, HttpServletRequest request, HttpServletResponse response) {
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()));
		String who = ex.fromEveryone() ? "So many shoppers have become customers in the last minute"
				: "So many new customers have come from your address lately";
		return asPage(pages.getObject().problem(HttpStatus.TOO_MANY_REQUESTS, "Please come back a little later",
				who + " that we cannot open your account just now. Nothing was added and nothing was charged: you "
						+ "can keep browsing, and add to your cart again " + when(ex.retryAfterSeconds()) + ".",
				request), request, response);
	}

	/**
	 * A form that swaps a panel of its own (add to cart) gets the message in the page's content
	 * instead; a page or a boosted link gets it as it is.
	 */
	private static ModelAndView asPage(ModelAndView page, HttpServletRequest request, HttpServletResponse response) {
		HtmxRequest htmx = HtmxRequest.fromRequest(request);
		if (htmx.isHtmxRequest() && !htmx.isBoosted()) {
			response.setHeader(HtmxResponseHeader.HX_RETARGET.getValue(), "#page");
			response.setHeader(HtmxResponseHeader.HX_RESWAP.getValue(), "outerHTML show:window:top");
			page.addObject("boosted", true);
		}
		return page;
	}

	/** "in a minute", "in 12 minutes", "in an hour". */
	static String when(long seconds) {
		long minutes = (seconds + 59) / 60;
		if (minutes <= 1) {
			return "in a minute";
		}
		if (minutes < 60) {
			return "in " + minutes + " minutes";
		}
		return (minutes < 90) ? "in an hour" : "in " + ((minutes + 30) / 60) + " hours";
	}

}
