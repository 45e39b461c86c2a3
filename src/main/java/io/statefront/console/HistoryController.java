package io.statefront.console;

import java.time.Duration;
import java.util.List;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.statefront.platform.RetentionProperties;
import io.statefront.platform.history.ChangeView;
import io.statefront.platform.history.EntityHistory;
import io.statefront.platform.history.HistoryPage;
import io.statefront.platform.history.HistoryUnavailableException;
import io.statefront.platform.web.Count;
import io.statefront.platform.web.EntityId;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A user's or an item's history on the users page: every change of their credit or stock, newest
 * first, a page at a time, each with the request that made it. The users page loads it into the
 * user's or the item's panel; without scripts it is a page of its own.
 */
@Controller
class HistoryController {

	static final String VIEW = "console/history";

	static final int PAGE = 20;

	private final EntityHistory history;

	private final Duration horizon;

	HistoryController(EntityHistory history, RetentionProperties retention) {
		this.history = history;
		this.horizon = retention.entityHistory();
	}

	/** One row of the history table, written as the console shows it. */
	public record Row(String at, String operation, String delta, boolean increase, String balance, String request,
			@Nullable String orderId) {

		static Row of(ChangeView change) {
			String at = (change.at() != null) ? Formats.time(change.at().toEpochMilli()) : "—";
			String delta = ((change.delta() > 0) ? "+" : "−") + Formats.number(Math.abs(change.delta()));
			String operation = (change.operation() != null)
					? change.operation().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') : "—";
			String request = (change.orderId() != null)
					? "order " + change.orderId() + " · attempt " + change.attempt() + " · " + change.step()
					: ("idempotency_key".equals(change.requestType()) ? "key " : "request ") + change.request();
			return new Row(at, operation, delta, change.delta() > 0, Formats.number(change.balance()), request,
					change.orderId());
		}

	}

	@GetMapping("/console/users/history")
	String history(@RequestParam(required = false) @Nullable String user,
			@RequestParam(required = false) @Nullable String item, @RequestParam(required = false) @Nullable String before,
			HtmxRequest htmx, Model model) {
		model.addAttribute("section", "users");
		model.addAttribute("title", "History");
		String kind = (user != null) ? "user" : "item";
		String text = (user != null) ? user : item;
		model.addAttribute("kind", kind);
		model.addAttribute("horizon", Formats.duration(horizon));
		String view = htmx.isHtmxRequest() ? VIEW + " :: history" : VIEW;
		if (text == null) {
			model.addAttribute("refusal", "Name a user or an item.");
			return view;
		}
		model.addAttribute("id", text);
		EntityId id;
		Long cursor;
		try {
			id = EntityId.valueOf(text.strip());
			cursor = (before != null) ? Count.valueOf(before).value() : null;
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("refusal", "Not a history to show: " + ex.getMessage() + ".");
			return view;
		}
		model.addAttribute("id", id.value());
		try {
			HistoryPage page = history.read(kind + "/" + id.value(), PAGE, cursor);
			List<Row> rows = page.changes().stream().map(ChangeView::of).map(Row::of).toList();
			model.addAttribute("rows", rows);
			model.addAttribute("page", page);
			model.addAttribute("older", cursor != null);
			String newest = "/console/users/history?" + kind + "=" + id.value();
			model.addAttribute("newestUrl", newest);
			model.addAttribute("olderUrl", (page.next() != null) ? newest + "&before=" + page.next() : null);
			model.addAttribute("lookedBackTo", (page.lookedBackTo() != null) ? Formats.time(page.lookedBackTo()) : null);
			model.addAttribute("scanned", Formats.number(page.scanned()));
		}
		catch (HistoryUnavailableException ex) {
			model.addAttribute("refusal", ex.getMessage());
		}
		return view;
	}

}
