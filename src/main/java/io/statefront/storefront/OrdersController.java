package io.statefront.storefront;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.statefront.catalogue.Catalogue;
import io.statefront.order.OrderResult.Outcome;
import io.statefront.order.OrderResult;
import io.statefront.platform.web.EntityId;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * A customer's paid orders and their credit. Each customer sees their own orders only: another's
 * order is answered exactly as one that does not exist.
 */
@Controller
class OrdersController {

	static final int LISTED = 20;

	private final Catalogue catalogue;

	private final ProductCards cards;

	private final Carts carts;

	private final CustomerAccounts accounts;

	private final ShopPages pages;

	private final StorefrontEvents events;

	OrdersController(Catalogue catalogue, ProductCards cards, Carts carts, CustomerAccounts accounts,
			ShopPages pages, StorefrontEvents events) {
		this.catalogue = catalogue;
		this.cards = cards;
		this.carts = carts;
		this.accounts = accounts;
		this.pages = pages;
		this.events = events;
	}

	/** One row of the order history: {@code paidAt} as {@link PaidTimes} writes it, empty when not known. */
	record PaidOrder(String orderId, long items, long totalCost, String paidAt, String firstItem) {
	}

	@GetMapping("/shop/orders")
	CompletableFuture<ModelAndView> orders(HttpServletRequest request) {
		events.pageViewed(request, "Your orders");
		Customer customer = Customer.of(request).orElse(null);
		ModelAndView page = pages.page("storefront/orders", "Your orders", request);
		if (customer == null) {
			return CompletableFuture.completedFuture(page.addObject("orders", List.of()));
		}
		return accounts.paidOrders(customer.userId()).thenCompose(account -> {
			List<CompletableFuture<OrderResult>> finds = account.paidOrders()
				.stream()
				.limit(LISTED)
				.map(carts::find)
				.toList();
			return CompletableFuture.allOf(finds.toArray(CompletableFuture[]::new))
				.thenApply(all -> page.addObject("credit", account.credit())
					.addObject("more", Math.max(0, account.paidOrders().size() - LISTED))
					.addObject("orders", finds.stream()
						.map(CompletableFuture::join)
						.filter(order -> order.outcome() == Outcome.OK && order.paid())
						.map(order -> new PaidOrder(order.orderId(), CartLine.count(order.items()), order.totalCost(),
								PaidTimes.of(order.paidAt()), order.items().isEmpty() ? "" : order.items().get(0).itemId()))
						.toList()));
		});
	}

	@GetMapping("/shop/orders/{orderId}")
	CompletableFuture<ModelAndView> order(@PathVariable String orderId, HttpServletRequest request) {
		events.pageViewed(request, "Order");
		Customer customer = Customer.of(request).orElse(null);
		EntityId id = parse(orderId);
		if (customer == null || id == null) {
			return CompletableFuture.completedFuture(noSuchOrder(orderId, request));
		}
		return carts.find(id.value()).thenCompose(order -> {
			if (order.outcome() != Outcome.OK || !customer.userId().equals(order.userId())) {
				return CompletableFuture.completedFuture(noSuchOrder(orderId, request));
			}
			return accounts.credit(customer.userId())
				.thenApply(account -> pages.page("storefront/order", "Order " + order.orderId(), request)
					.addObject("order", order)
					.addObject("paidAt", PaidTimes.of(order.paidAt()))
					.addObject("lines", CartLine.of(order.items(), catalogue, cards))
					.addObject("credit", account.credit()));
		});
	}

	private ModelAndView noSuchOrder(String orderId, HttpServletRequest request) {
		return pages.notFound("No such order",
				"You have no order “" + StorefrontController.abbreviate(orderId) + "”.", request);
	}

	private static EntityId parse(String orderId) {
		try {
			return EntityId.valueOf(orderId);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
