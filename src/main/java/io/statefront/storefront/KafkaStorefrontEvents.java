package io.statefront.storefront;

import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.statefront.analytics.EventType;
import io.statefront.analytics.WebsiteEvent.ConversionData;
import io.statefront.analytics.WebsiteEvent.PageViewData;
import io.statefront.analytics.WebsiteEvent;
import io.statefront.catalogue.Product;
import io.statefront.platform.kafka.EventProducer;
import io.statefront.platform.kafka.Json;
import io.statefront.recommendation.ShopEvent;
import io.statefront.recommendation.ShopEventType;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Storefront events on Kafka: every page, cart add and checkout on the analytics topic (the
 * simulator's JSON, so real and simulated traffic count alike: a paid order is a conversion), and
 * what shoppers do with products (view, add to cart, buy) on the shop events topic for the
 * recommendations. A visit is the visitor's, kept by their cookie ({@link Shoppers}); a page view
 * carries where the visitor came from ({@link Referrals}).
 */
@Component
class KafkaStorefrontEvents implements StorefrontEvents {

	private final EventProducer kafka;

	private final Counter failed;

	KafkaStorefrontEvents(EventProducer kafka, MeterRegistry meters) {
		this.kafka = kafka;
		this.failed = Counter.builder("statefront.storefront.events.failed")
			.description("Storefront events Kafka did not take")
			.register(meters);
	}

	@Override
	public void pageViewed(HttpServletRequest request, String title) {
		pageView(request, title);
	}

	@Override
	public void productViewed(HttpServletRequest request, Product product) {
		pageView(request, product.name());
		shopEvent(request, ShopEventType.PRODUCT_VIEW, product);
	}

	@Override
	public void addedToCart(HttpServletRequest request, Product product) {
		pageView(request, "Added to cart: " + product.name());
		shopEvent(request, ShopEventType.ADD_TO_CART, product);
	}

	@Override
	public void checkedOut(HttpServletRequest request, String orderId, long revenue, List<Product> products) {
		send(event(request, EventType.CONVERSION, null, new ConversionData(orderId, revenue)));
		products.forEach(product -> shopEvent(request, ShopEventType.PURCHASE, product));
	}

	@Override
	public void checkoutRefused(HttpServletRequest request) {
		pageView(request, "Checkout refused");
	}

	private void pageView(HttpServletRequest request, String title) {
		String url = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
		send(event(request, EventType.PAGE_VIEW, Referrals.pageView(request, url, title), null));
	}

	/** An analytics event of this visit; the first of a visit is preceded by its SESSION_START. */
	private WebsiteEvent event(HttpServletRequest request, EventType type, @Nullable PageViewData page,
			@Nullable ConversionData conversion) {
		boolean starts = Shoppers.startsVisit(request);
		String visit = Shoppers.visit(request);
		String userId = Customer.of(request).map(Customer::userId).orElse(null);
		long now = System.currentTimeMillis();
		if (starts) {
			send(new WebsiteEvent(UUID.randomUUID().toString(), now, EventType.SESSION_START, userId, visit, null,
					Visitor.of(request), null));
		}
		return new WebsiteEvent(UUID.randomUUID().toString(), now, type, userId, visit, page, Visitor.of(request),
				conversion);
	}

	private void shopEvent(HttpServletRequest request, ShopEventType type, Product product) {
		String shopper = Shoppers.id(request);
		ShopEvent event = new ShopEvent(UUID.randomUUID().toString(), shopper, type, product.id(), product.category(),
				System.currentTimeMillis());
		send(ShopEvent.TOPIC, shopper, Json.write(event));
	}

	private void send(WebsiteEvent event) {
		send(WebsiteEvent.TOPIC, event.key(), Json.write(event));
	}

	/** A page is shown whether or not its event could be sent. */
	private void send(String topic, String key, byte[] value) {
		kafka.send(topic, key, value).whenComplete((sent, failure) -> {
			if (failure != null) {
				failed.increment();
			}
		});
	}

}
