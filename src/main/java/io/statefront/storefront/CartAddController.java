package io.statefront.storefront;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.statefront.catalogue.Catalogue;
import io.statefront.catalogue.Product;
import io.statefront.order.OrderResult.Outcome;
import io.statefront.order.OrderResult;
import io.statefront.storefront.ShopPages.Notice;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * "Add to cart": the first add makes a guest a customer with starting credit, as many a time as
 * {@link SignUps} allows. An add that asks for
 * more than the live stock view says is left beyond what the cart holds is refused before anything
 * is sent (409, nothing changed): the page offers no more than that, but a form can be sent by
 * hand. The checkout stays the one true check of stock. Every form carries a submission id, the
 * idempotency key of what it asks, so a resent form applies once.
 */
@Controller
class CartAddController {

	private final Catalogue catalogue;

	private final ProductCards cards;

	private final Carts carts;

	private final InCart inCart;

	private final SignUps signUps;

	private final StorefrontEvents events;

	private final ShopPages pages;

	CartAddController(Catalogue catalogue, ProductCards cards, Carts carts, InCart inCart, SignUps signUps,
			StorefrontEvents events, ShopPages pages) {
		this.catalogue = catalogue;
		this.cards = cards;
		this.carts = carts;
		this.inCart = inCart;
		this.signUps = signUps;
		this.events = events;
		this.pages = pages;
	}

	@PostMapping("/shop/cart/items")
	CompletableFuture<ModelAndView> add(@RequestParam String item,
			@RequestParam(defaultValue = "1") String quantity, @RequestParam String submission,
			HtmxRequest htmx, HttpServletRequest request,
			HttpServletResponse response) {
		Product product = catalogue.product(item).orElse(null);
		if (product == null) {
			return done(pages.notFound("No such product", "We have no product with the number “"
					+ StorefrontController.abbreviate(item) + "”.", request));
		}
		Integer count = count(quantity);
		if (count == null || !SessionCart.validSubmission(submission)) {
			return done(pages.problem(HttpStatus.BAD_REQUEST, "Nothing was added",
					"Choose between 1 and " + ProductCard.MOST_PER_ADD + " of “" + product.name() + "”.", request));
		}
		ProductCard card = cards.of(List.of(product)).get(0);
		return inCart.of(product, request).thenCompose(held -> {
			if (count > card.addable(held)) {
				Notice refused = Notice.refused(overAsked(card, held, count));
				return done(htmx.isHtmxRequest() ? form(card, held, refused, request, HttpStatus.CONFLICT)
						: pages.problem(HttpStatus.CONFLICT, "Nothing was added", refused.message(), request));
			}
			return customer(request, response).thenCompose(signedIn -> {
				if (signedIn == null) {
					return done(pages.problem(HttpStatus.SERVICE_UNAVAILABLE, "Nothing was added",
							"We could not open your customer account just now. Please try again.", request));
				}
				return addToCart(signedIn.customer(), product, count, "storefront-add-" + submission, request, true)
					.thenApply(added -> {
						long holds = held;
						if (added.outcome() == Outcome.OK) {
							events.addedToCart(request, product);
							SessionCart.holds(request, added.items());
							holds = CartLine.quantities(added.items()).getOrDefault(product.id(), 0L);
						}
						Notice notice = notice(added, product, count, signedIn.welcome());
						if (htmx.isHtmxRequest()) {
							return form(card, holds, notice, request, HttpStatus.OK);
						}
						ShopPages.leave(request, notice);
						return new ModelAndView("redirect:/shop/cart");
					});
			});
		});
	}

	/** The add-to-cart form to swap in after an add, with its notice and the header's account out of band. */
	private ModelAndView form(ProductCard card, long held, Notice notice, HttpServletRequest request,
			HttpStatus status) {
		ModelAndView form = pages.page("storefront/cart-add :: form", card.product().name(), request)
			.addObject("card", card)
			.addObject("inCart", held)
			.addObject("submission", SessionCart.submission())
			.addObject("notice", notice);
		form.setStatus(status);
		return form;
	}

	/** Why {@code count} more is more than the shop can sell to a cart holding {@code held}. */
	static String overAsked(ProductCard card, long held, int count) {
		String name = "“" + card.product().name() + "”";
		if (card.soldOut()) {
			return name + " is sold out: nothing was added.";
		}
		long left = card.level().stock();
		if (held >= left) {
			return "Your cart holds " + held + " " + name + ", and " + left + (left == 1 ? " is" : " are")
					+ " left: nothing was added.";
		}
		return "Only " + left + " " + name + (left == 1 ? " is left" : " are left")
				+ (held > 0 ? " and your cart holds " + held : "")
				+ ": you can add " + card.addable(held) + " more, not " + count + ". Nothing was added.";
	}

	/** Who is adding to a cart, and the welcome for a guest who has just become a customer. */
	private record SignedIn(Customer customer, @Nullable String welcome) {
	}

	/**
	 * The signed-in customer, or the guest made one now ({@link SignUps}: a ledger user with the
	 * starting credit, unless too many were opened lately). Null when the ledger refused to open one.
	 */
	private CompletableFuture<@Nullable SignedIn> customer(HttpServletRequest request, HttpServletResponse response) {
		Customer known = Customer.of(request).orElse(null);
		if (known != null) {
			return CompletableFuture.completedFuture(new SignedIn(known, null));
		}
		return signUps.open(request, response).thenApply(opened -> (opened == null) ? null
				: new SignedIn(opened.customer(), "Welcome! You are customer " + opened.customer().userId()
						+ ", with " + Credits.of(opened.credit()) + " to spend."));
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
			return (count >= 1 && count <= ProductCard.MOST_PER_ADD) ? count : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static CompletableFuture<ModelAndView> done(ModelAndView page) {
		return CompletableFuture.completedFuture(page);
	}

}
