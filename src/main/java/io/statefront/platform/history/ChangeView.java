package io.statefront.platform.history;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.statefront.platform.flink.AppliedChange;
import io.statefront.platform.flink.AppliedChange.Origin;
import io.statefront.platform.flink.Horizons;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * One change of an entity's balance as the API and the console show it: when, what, by how much,
 * the balance after it, and the request that made it.
 *
 * @param at when the message that made the change reached the functions (their clock: the time the
 * broker appended it to its command topic)
 * @param operation what the message asked, such as {@code ADD_CREDIT}, {@code PAY} or {@code RETURN}
 * @param delta how much the balance changed
 * @param balance the balance after the change
 * @param requestType what {@code request} is: the client's idempotency key, the request's id (the
 * client sent no key), or a step of a checkout saga
 * @param request the idempotency key, the request id, or {@code order/attempt/step}
 * @param orderId for a saga step, the order whose checkout it is
 * @param attempt for a saga step, the checkout attempt it belongs to (1 for the first)
 * @param step for a saga step, which step: {@code pay:7}, {@code refund:7}, {@code take_stock:3} ...
 */
public record ChangeView(@Nullable Instant at, @Nullable String operation, long delta, long balance,
		@JsonProperty("request_type") @Schema(allowableValues = { "idempotency_key", "request_id", "saga_step" })
		@Nullable String requestType,
		String request, @JsonProperty("order_id") @Nullable String orderId, @Nullable Long attempt,
		@Nullable String step) {

	public static ChangeView of(AppliedChange change) {
		Instant at = Horizons.known(change.at()) ? Instant.ofEpochMilli(change.at()) : null;
		String type = (change.origin() != null) ? change.origin().name().toLowerCase(java.util.Locale.ROOT) : null;
		if (change.origin() == Origin.SAGA_STEP) {
			String[] parts = change.messageId().split("/", 3);
			if (parts.length == 3) {
				return new ChangeView(at, change.operation(), change.delta(), change.balance(), type,
						change.messageId(), parts[0], parseAttempt(parts[1]), parts[2]);
			}
		}
		return new ChangeView(at, change.operation(), change.delta(), change.balance(), type, change.messageId(), null,
				null, null);
	}

	private static @Nullable Long parseAttempt(String text) {
		try {
			return Long.valueOf(text);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
