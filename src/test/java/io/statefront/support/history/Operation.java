package io.statefront.support.history;

import org.jspecify.annotations.Nullable;

/**
 * One attempt of a client operation on one entity, as a Jepsen history records it: when it was
 * invoked and completed (nanoTime), under which idempotency key, and what came back.
 *
 * @param key the idempotency key; a retry reuses it, a read has none
 * @param entity the entity as {@link io.statefront.platform.flink.AppliedChange} names it, such
 * as {@code user/7}
 * @param delta the change of the entity's balance the operation asks for; 0 for a read
 * @param value the balance the answer reported, if it reported one
 */
public record Operation(@Nullable String key, String entity, long delta, long invoked, long completed, int status,
		@Nullable Long value) {

	public Outcome outcome() {
		return Outcome.of(status);
	}

	public boolean read() {
		return key == null;
	}

}
