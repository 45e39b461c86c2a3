package io.statefront.console;

import java.util.Map;
import java.util.Optional;

import io.statefront.console.PipelineAnswers.NoAnswer;
import io.statefront.ledger.LedgerClient;
import io.statefront.ledger.UserOperation;
import io.statefront.order.OrderClient;
import io.statefront.platform.web.EntityId;
import io.statefront.stock.StockClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * An entity's state as the API answers now, beside which the explorer shows what a checkpoint held:
 * a user's credit, an item's stock and price, an order. Asked through the same functions as the API.
 */
@Component
class LiveEntities {

	private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
	};

	private final LedgerClient ledger;

	private final StockClient stock;

	private final OrderClient orders;

	private final JsonMapper json = JsonMapper.builder().build();

	LiveEntities(LedgerClient ledger, StockClient stock, OrderClient orders) {
		this.ledger = ledger;
		this.stock = stock;
		this.orders = orders;
	}

	/** What the operator with this uid answers for the key now, by field; empty where no API shows it. */
	Optional<Map<String, Object>> find(String uid, String key) throws NoAnswer {
		EntityId id;
		try {
			id = EntityId.valueOf(key);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		Object answer = switch (uid) {
			case "user-function" -> PipelineAnswers.await(() -> ledger.send(UserOperation.FIND, id, 0, null));
			case "item-function" -> PipelineAnswers.await(() -> stock.find(id));
			case "order-function" -> PipelineAnswers.await(() -> orders.find(id));
			default -> null;
		};
		return Optional.ofNullable(answer).map(found -> json.convertValue(found, FIELDS));
	}

	/** Whether {@link #find} can answer for the operator. */
	static boolean answersFor(String uid) {
		return switch (uid) {
			case "user-function", "item-function", "order-function" -> true;
			default -> false;
		};
	}

}
