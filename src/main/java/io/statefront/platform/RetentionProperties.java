package io.statefront.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How long each kind of state and log is kept: every piece of state has a horizon (architecture
 * rule 8), and each log is kept as long as a restore can need it (rule 9). docs/architecture.md
 * says for each why forgetting it is safe.
 *
 * @param idempotencyKeys how long an entity answers a repeated idempotency key from memory, counted
 * from the key's first use; a retry after that is a new request
 * @param finishedOrders how long a paid order stays in the order function (and its saga's records
 * in the user's and the items' functions) before only the archive holds it
 * @param openOrders how long an order nobody pays is kept after its last message; then it is closed
 * and forgotten
 * @param shopperBehaviour how long the recommendations remember a shopper after their last event
 * @param commandLog how long the command topics keep their messages: longer than the oldest
 * restore point can be (the application refuses to start otherwise)
 * @param replies how long the reply topics keep the functions' answers
 * @param events how long the event topics (website and shop events, metrics, alerts,
 * recommendations) keep theirs
 * @param topicBytes the most each partition of a reply or event topic keeps, whatever its age
 * @param entityHistory how long the applied-change log keeps each change of a user's credit or an
 * item's stock: how far back their history goes. Nothing restores from it
 * @param entityHistoryBytes the most each of its partitions keeps, whatever the changes' age
 */
@ConfigurationProperties("statefront.retention")
public record RetentionProperties(@DefaultValue("24h") Duration idempotencyKeys,
		@DefaultValue("7d") Duration finishedOrders, @DefaultValue("30d") Duration openOrders,
		@DefaultValue("30d") Duration shopperBehaviour, @DefaultValue("7d") Duration commandLog,
		@DefaultValue("1h") Duration replies, @DefaultValue("1d") Duration events,
		@DefaultValue("256MB") DataSize topicBytes, @DefaultValue("30d") Duration entityHistory,
		@DefaultValue("256MB") DataSize entityHistoryBytes) {

	/** The defaults, for jobs built outside Spring (tests, benchmarks). */
	public static RetentionProperties defaults() {
		return new RetentionProperties(Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(30),
				Duration.ofDays(30), Duration.ofDays(7), Duration.ofHours(1), Duration.ofDays(1), DataSize.ofMegabytes(256),
				Duration.ofDays(30), DataSize.ofMegabytes(256));
	}

}
