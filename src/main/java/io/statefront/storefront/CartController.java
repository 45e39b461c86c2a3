package io.statefront.storefront;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.statefront.catalogue.Catalogue;
import io.statefront.catalogue.Product;
import io.statefront.ledger.UserResult;
import io.statefront.order.OrderLine;
import io.statefront.order.OrderResult.Outcome;
import io.statefront.order.OrderResult;
import io.statefront.storefront.ShopPages.Notice;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The cart: an order of the shopper's, not yet paid. The first add makes a guest a customer with
 * starting credit; checkout runs the order's saga and tells the shopper what came of it. Every form
 * carries a submission id, the idempotency key of what it asks, so a resent form applies once.
 */
@Controller
class CartController {

	static final int MAX_QUANTITY = 10;

	private final Catalogue catalogue;

	private final ProductCards cards;

	private final Carts carts;

	private final CustomerAccounts accounts;

	private final CustomerSignIn signIn;

	private final StorefrontEvents events;

	private final ShopPages pages;

	private final StorefrontProperties properties;

	CartController(Catalogue catalogue, ProductCards cards, Carts carts, CustomerAccounts accounts,
			CustomerSignIn signIn, StorefrontEvents events, ShopPages pages, StorefrontProperties properties) {
		this.catalogue = catalogue;
		this.cards = cards;
		this.carts = carts;
		this.accounts = accounts;
		this.signIn = signIn;
		this.events = events;
		this.pages = pages;
		this.properties = properties;
	}

	@GetMapping("/shop/cart")
	CompletableFuture<ModelAndView> cart(HttpServletRequest request) {
		events.pageViewed(request, "Cart");
		Customer customer = Customer.of(request).orElse(null);
		String orderId = SessionCart.orderId(request);
		ModelAndView page = pages.page("storefront/cart", "Your cart", request)
			.addObject("startingCredit", properties.startingCredit())
			.addObject("submission", SessionCart.submission());
		if (customer == null) {
			return CompletableFuture.completedFuture(page.addObject("lines", List.of()));
		}
		CompletableFuture<UserResult> account = accounts.credit(customer.userId());
		CompletableFuture<@Nullable OrderResult> order = (orderId == null) ? CompletableFuture.completedFuture(null)
				: carts.find(orderId);
		return account.thenCombine(order, (user, cart) -> {
			page.addObject("credit", user.credit());
			if (cart == null || cart.outcome() != Outcome.OK || cart.paid()) {
				return page.addObject("lines", List.of());
			}
			return page.addObject("lines", CartLine.of(cart.items(), catalogue, cards))
				.addObject("total", cart.totalCost());
		});
	}

	@PostMapping("/shop/cart/items")
	CompletableFuture<ModelAndView> add(@RequestParam String item,
			@RequestParam(defaultValue = "1") String quantity, @RequestParam String submission,
			@RequestHeader(name = "HX-Request", defaultValue = "false") boolean htmx, HttpServletRequest request,
			HttpServletResponse response) {
		Product product = catalogue.product(item).orElse(null);
		if (product == null) {
			return done(pages.notFound("No such product", "We have no product with the number “"
					+ StorefrontController.abbreviate(item) + "”.", request));
		}
		Integer count = count(quantity);
		if (count == null || !SessionCart.validSubmission(submission)) {
			return done(pages.problem(HttpStatus.BAD_REQUEST, "Nothing was added",
					"Choose between 1 and " + MAX_QUANTITY + " of “" + product.name() + "”.", request));
		}
		return customer(request, response).thenCompose(signedIn -> {
			if (signedIn == null) {
				return done(pages.problem(HttpStatus.SERVICE_UNAVAILABLE, "Nothing was added",
						"We could not open your customer account just now. Please try again.", request));
			}
			return addToCart(signedIn.customer(), product, count, "storefront-add-" + submission, request, true)
				.thenApply(added -> {
					if (added.outcome() == Outcome.OK) {
						events.addedToCart(request, product);
					}
					Notice notice = notice(added, product, count, signedIn.welcome());
					if (htmx) {
						return pages.page("storefront/cart-add :: form", product.name(), request)
							.addObject("customer", signedIn.customer())
							.addObject("product", product)
							.addObject("submission", SessionCart.submission())
							.addObject("notice", notice);
					}
					ShopPages.leave(request, notice);
					return new ModelAndView("redirect:/shop/cart");
				});
		});
	}

	@PostMapping("/shop/cart/remove")
	CompletableFuture<ModelAndView> remove(@RequestParam String item, @RequestParam String submission,
			HttpServletRequest request) {
		Customer customer = Customer.of(request).orElse(null);
		String orderId = SessionCart.orderId(request);
		if (customer == null || orderId == null || !SessionCart.validSubmission(submission)) {
			return done(new ModelAndView("redirect:/shop/cart"));
		}
		return carts.find(orderId).thenCompose(cart -> {
			if (cart.outcome() != Outcome.OK || cart.paid()
					|| cart.items().stream().noneMatch(line -> line.itemId().equals(item))) {
				// removed already (the form sent twice), or the cart is gone: nothing to do
				return done(new ModelAndView("redirect:/shop/cart"));
			}
			List<OrderLine> kept = cart.items().stream().filter(line -> !line.itemId().equals(item)).toList();
			return refill(customer, kept, "storefront-keep-" + submission).thenApply(refilled -> {
				String name = catalogue.product(item).map(Product::name).orElse("Item " + item);
				if (refilled == null) {
					ShopPages.leave(request, Notice.refused("“" + name + "” could not be removed just now: "
							+ "your cart is as it was. Please try again."));
				}
				else {
					SessionCart.use(request, refilled);
					ShopPages.leave(request, Notice.good("Removed “" + name + "” from your cart."));
				}
				return new ModelAndView("redirect:/shop/cart");
			});
		});
	}

	/** Who is adding to a cart, and the welcome for a guest who has just become a customer. */
	private record SignedIn(Customer customer, @Nullable String welcome) {
	}

	/**
	 * The signed-in customer, or the guest made one now: a ledger user with the starting credit.
	 * Null when the ledger refused to open one.
	 */
	private CompletableFuture<@Nullable SignedIn> customer(HttpServletRequest request, HttpServletResponse response) {
		Customer known = Customer.of(request).orElse(null);
		if (known != null) {
			return CompletableFuture.completedFuture(new SignedIn(known, null));
		}
		String shopperId = Shoppers.id(request);
		return accounts.open(shopperId, properties.startingCredit()).thenApply(opened -> {
			if (opened.outcome() != UserResult.Outcome.OK) {
				return null;
			}
			Customer customer = new Customer(opened.userId(), shopperId);
			signIn.signIn(customer, request, response);
			return new SignedIn(customer, "Welcome! You are customer " + customer.userId() + ", with "
					+ Credits.of(opened.credit()) + " to spend.");
		});
	}

	/**
	 * A new cart with {@code lines}, for a cart that loses one: orders take items but never give
	 * them back, so the shopper's cart becomes a new order and the old one stays unpaid. Null
	 * when a line could not be added: the shopper keeps the cart they had.
	 */
	private CompletableFuture<@Nullable String> refill(Customer customer, List<OrderLine> lines, String key) {
		return carts.open(customer.userId()).thenCompose(opened -> {
			CompletableFuture<@Nullable String> refilled = CompletableFuture
				.completedFuture(opened.outcome() == Outcome.OK ? opened.orderId() : null);
			for (int i = 0; i < lines.size(); i++) {
				OrderLine line = lines.get(i);
				String lineKey = key + "-" + i;
				refilled = refilled.thenCompose(orderId -> (orderId == null) ? CompletableFuture.completedFuture(null)
						: carts.add(orderId, line.itemId(), line.quantity(), lineKey)
							.thenApply(added -> (added.outcome() == Outcome.OK) ? orderId : null));
			}
			return refilled;
		});
	}

	/**
	 * Adds to the session's cart, opening one when there is none; a cart paid or gone since (another
	 * tab checked it out) is replaced by a new one, once.
	 */
	private CompletableFuture<OrderResult> addToCart(Customer customer, Product product, int count, String key,
			HttpServletRequest request, boolean mayRetry) {
		return cartOf(customer, request).thenCompose(orderId -> {
			if (orderId == null) {
				return CompletableFuture.completedFuture(new OrderResult(Outcome.USER_NOT_FOUND, "", customer.userId(),
						List.of(), 0, false, customer.userId(), 0));
			}
			return carts.add(orderId, product.id(), count, key).thenCompose(added -> {
				boolean stale = added.outcome() == Outcome.ALREADY_PAID || added.outcome() == Outcome.NOT_FOUND;
				if (stale && mayRetry) {
					SessionCart.forget(request);
					return addToCart(customer, product, count, key, request, false);
				}
				return CompletableFuture.completedFuture(added);
			});
		});
	}

	private CompletableFuture<@Nullable String> cartOf(Customer customer, HttpServletRequest request) {
		String orderId = SessionCart.orderId(request);
		if (orderId != null) {
			return CompletableFuture.completedFuture(orderId);
		}
		return carts.open(customer.userId()).thenApply(opened -> {
			if (opened.outcome() != Outcome.OK) {
				return null;
			}
			SessionCart.use(request, opened.orderId());
			return opened.orderId();
		});
	}

	private static Notice notice(OrderResult added, Product product, int count, @Nullable String welcome) {
		Notice notice = switch (added.outcome()) {
			case OK -> Notice.good("Added " + count + " × “" + product.name() + "” to your cart.");
			case ITEM_NOT_FOUND -> Notice.refused("“" + product.name() + "” is not on sale right now.");
			case COST_LIMIT -> Notice.refused("Your cart cannot hold that much: nothing was added.");
			case USER_NOT_FOUND -> Notice.refused("Your customer account is closed: sign out to shop as a guest.");
			default -> Notice.refused("“" + product.name() + "” could not be added: " + added.outcome() + ".");
		};
		return (welcome == null) ? notice : new Notice(notice.good(), welcome + " " + notice.message());
	}

	private static @Nullable Integer count(String quantity) {
		try {
			int count = Integer.parseInt(quantity);
			return (count >= 1 && count <= MAX_QUANTITY) ? count : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static CompletableFuture<ModelAndView> done(ModelAndView page) {
		return CompletableFuture.completedFuture(page);
	}

}
