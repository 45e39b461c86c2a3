package io.statefront.console;

import java.util.UUID;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.statefront.catalogue.Catalogue;
import io.statefront.catalogue.Product;
import io.statefront.console.PipelineAnswers.NoAnswer;
import io.statefront.ledger.LedgerClient;
import io.statefront.ledger.UserOperation;
import io.statefront.ledger.UserResult;
import io.statefront.order.OrderClient;
import io.statefront.order.OrderResult;
import io.statefront.platform.web.Amount;
import io.statefront.platform.web.EntityId;
import io.statefront.platform.web.IdempotencyKey;
import io.statefront.stock.ItemResult;
import io.statefront.stock.StockClient;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Users, items and orders, looked up and changed through the same functions and with the same
 * refusals as the REST API. Each change form carries a fresh idempotency key: a form sent twice
 * (a double click, a retry after no answer) is applied once.
 */
@Controller
class UsersController {

	static final String VIEW = "console/users";

	private final LedgerClient ledger;

	private final StockClient stock;

	private final OrderClient orders;

	private final Catalogue catalogue;

	UsersController(LedgerClient ledger, StockClient stock, OrderClient orders, Catalogue catalogue) {
		this.ledger = ledger;
		this.stock = stock;
		this.orders = orders;
		this.catalogue = catalogue;
	}

	/** An order's line with the catalogue's name for its item, where the catalogue has one. */
	public record LineView(String itemId, @Nullable String product, long quantity) {
	}

	@GetMapping("/console/users")
	String users(@RequestParam(required = false) @Nullable String user, @RequestParam(required = false) @Nullable String item,
			@RequestParam(required = false) @Nullable String order,
			HtmxRequest htmx, Model model) {
		model.addAttribute("section", "users");
		model.addAttribute("title", "Users & shop");
		if (user != null) {
			lookUp(model, "user", user, id -> {
				UserResult found = PipelineAnswers.await(() -> ledger.send(UserOperation.PAID_ORDERS, id, 0, null));
				if (found.outcome() == UserResult.Outcome.NOT_FOUND) {
					return "No user " + id + ".";
				}
				model.addAttribute("account", found);
				model.addAttribute("submission", UUID.randomUUID().toString());
				return null;
			});
		}
		if (item != null) {
			lookUp(model, "item", item, id -> {
				ItemResult found = PipelineAnswers.await(() -> stock.find(id));
				if (found.outcome() == ItemResult.Outcome.NOT_FOUND) {
					return "No item " + id + ".";
				}
				model.addAttribute("itemFound", found);
				model.addAttribute("product", productName(found.itemId()));
				return null;
			});
		}
		if (order != null) {
			lookUp(model, "order", order, id -> {
				OrderResult found = PipelineAnswers.await(() -> orders.find(id));
				if (found.outcome() == OrderResult.Outcome.NOT_FOUND) {
					return "No order " + id + ".";
				}
				model.addAttribute("orderFound", found);
				model.addAttribute("lines", found.items()
					.stream()
					.map(line -> new LineView(line.itemId(), productName(line.itemId()), line.quantity()))
					.toList());
				return null;
			});
		}
		return htmx.isHtmxRequest() ? VIEW + " :: results" : VIEW;
	}

	@PostMapping("/console/users/credit")
	String changeCredit(@RequestParam String user, @RequestParam String change, @RequestParam String amount,
			@RequestParam String submission, HtmxRequest htmx,
			Model model) {
		model.addAttribute("section", "users");
		return lookUp(model, "user", user, id -> {
			UserOperation operation = switch (change) {
				case "add" -> UserOperation.ADD_CREDIT;
				case "subtract" -> UserOperation.SUBTRACT_CREDIT;
				default -> null;
			};
			if (operation == null) {
				return "Choose to add or to subtract credit.";
			}
			Amount parsed;
			IdempotencyKey key;
			try {
				parsed = Amount.valueOf(amount.strip());
				key = IdempotencyKey.valueOf(submission);
			}
			catch (IllegalArgumentException ex) {
				return "Not changed: " + ex.getMessage() + ".";
			}
			UserResult result;
			try {
				result = PipelineAnswers.await(() -> ledger.send(operation, id, parsed.value(), key));
			}
			catch (NoAnswer ex) {
				// the same form again, with the same key: applied at most once in all
				model.addAttribute("retry", new Retry(user, change, amount, submission));
				return ex.getMessage();
			}
			model.addAttribute("submission", UUID.randomUUID().toString());
			return switch (result.outcome()) {
				case OK -> {
					model.addAttribute("done", (operation == UserOperation.ADD_CREDIT ? "Added " : "Subtracted ")
							+ parsed.value() + " credits: user " + id + " now has " + result.credit() + ".");
					showAccount(model, id);
					yield null;
				}
				case NOT_FOUND -> "No user " + id + ": nothing changed.";
				case INSUFFICIENT_CREDIT -> "Not changed: user " + id + " has " + result.credit() + " credits, fewer than "
						+ parsed.value() + ".";
				case CREDIT_LIMIT -> "Not changed: the credit would pass the largest amount the ledger holds.";
				case KEY_REUSED -> "Not changed: this form was already used for another change. Reload the user.";
			};
		}, htmx.isHtmxRequest() ? VIEW + " :: results" : VIEW);
	}

	@PostMapping("/console/users/remove")
	String remove(@RequestParam String user, @RequestParam(defaultValue = "false") boolean confirm,
			@RequestParam String submission, HtmxRequest htmx,
			Model model) {
		model.addAttribute("section", "users");
		return lookUp(model, "user", user, id -> {
			if (!confirm) {
				return "Confirm the removal of user " + id + ".";
			}
			IdempotencyKey key;
			try {
				key = IdempotencyKey.valueOf(submission);
			}
			catch (IllegalArgumentException ex) {
				return "Not removed: " + ex.getMessage() + ".";
			}
			UserResult result = PipelineAnswers.await(() -> ledger.send(UserOperation.REMOVE, id, 0, key));
			if (result.outcome() == UserResult.Outcome.NOT_FOUND) {
				return "No user " + id + ": nothing changed.";
			}
			model.addAttribute("done", "Removed user " + id + ".");
			return null;
		}, htmx.isHtmxRequest() ? VIEW + " :: results" : VIEW);
	}

	private @Nullable String productName(String itemId) {
		return catalogue.product(itemId).map(Product::name).orElse(null);
	}

	/** A change whose outcome is unknown, to be sent again as it was. */
	public record Retry(String user, String change, String amount, String submission) {
	}

	/** The account after a change; the change stands even if it cannot be shown now. */
	private void showAccount(Model model, EntityId id) {
		try {
			model.addAttribute("account",
					PipelineAnswers.await(() -> ledger.send(UserOperation.PAID_ORDERS, id, 0, null)));
		}
		catch (NoAnswer ex) {
			model.addAttribute("userRefusal", "The account cannot be shown just now; find the user again in a moment.");
		}
	}

	private interface Lookup {

		/** Does the work; answers why it could not, or null. */
		@Nullable String run(EntityId id) throws NoAnswer;

	}

	private void lookUp(Model model, String what, String text, Lookup lookup) {
		lookUp(model, what, text, lookup, VIEW);
	}

	private String lookUp(Model model, String what, String text, Lookup lookup, String view) {
		model.addAttribute(what, text);
		String refusal;
		try {
			refusal = lookup.run(EntityId.valueOf(text.strip()));
		}
		catch (IllegalArgumentException ex) {
			refusal = "“" + text + "” is not " + (what.equals("user") ? "a " : "an ") + what + " id: ids are whole "
					+ "numbers from 0 to " + Long.MAX_VALUE + ", written in digits 0–9.";
		}
		catch (NoAnswer ex) {
			refusal = ex.getMessage();
		}
		if (refusal != null) {
			model.addAttribute(what + "Refusal", refusal);
		}
		return view;
	}

}
