package io.statefront.shop.storefront;

import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.statefront.analytics.EventType;
import io.statefront.analytics.WebsiteEvent;
import io.statefront.analytics.WebsiteEvent.PageViewData;
import io.statefront.platform.kafka.Json;
import io.statefront.recommendation.ShopEvent;
import io.statefront.recommendation.ShopEventType;
import io.statefront.shop.catalogue.Product;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Storefront events on Kafka: every page on the analytics topic (the simulator's JSON, so real
 * and simulated traffic count alike), product views also on the shop events topic for the
 * recommendations. A visit starts with the session; a guest is known by it.
 */
@Component
class KafkaStorefrontEvents implements StorefrontEvents {

	private static final Logger log = LoggerFactory.getLogger(KafkaStorefrontEvents.class);

	private final KafkaTemplate<String, byte[]> kafka;

	private final Counter failed;

	KafkaStorefrontEvents(KafkaTemplate<String, byte[]> kafka, MeterRegistry meters) {
		this.kafka = kafka;
		this.failed = Counter.builder("statefront.storefront.events.failed")
			.description("Storefront events Kafka did not take")
			.register(meters);
	}

	@Override
	public void pageViewed(HttpServletRequest request, String title) {
		visit(request, title, null);
	}

	@Override
	public void productViewed(HttpServletRequest request, Product product) {
		visit(request, product.name(), product);
	}

	private void visit(HttpServletRequest request, String title, @Nullable Product product) {
		HttpSession session = request.getSession();
		String shopper = Shoppers.id(session);
		long now = System.currentTimeMillis();
		if (session.isNew()) {
			send(new WebsiteEvent(UUID.randomUUID().toString(), now, EventType.SESSION_START, null, shopper, null,
					Visitor.of(request), null));
		}
		String url = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
		send(new WebsiteEvent(UUID.randomUUID().toString(), now, EventType.PAGE_VIEW, null, shopper,
				new PageViewData(url, title, request.getHeader("Referer"), 0), Visitor.of(request), null));
		if (product != null) {
			ShopEvent view = new ShopEvent(UUID.randomUUID().toString(), shopper, ShopEventType.PRODUCT_VIEW,
					product.id(), product.category(), now);
			send(ShopEvent.TOPIC, shopper, Json.write(view));
		}
	}

	private void send(WebsiteEvent event) {
		send(WebsiteEvent.TOPIC, event.key(), Json.write(event));
	}

	private void send(String topic, String key, byte[] value) {
		try {
			kafka.send(topic, key, value).whenComplete((sent, failure) -> {
				if (failure != null) {
					failed.increment();
				}
			});
		}
		catch (RuntimeException ex) {
			// a page is shown whether or not its event could be sent
			failed.increment();
			log.debug("Storefront event not sent: {}", ex.getMessage());
		}
	}

}
