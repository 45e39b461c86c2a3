package io.statefront.order;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.statefront.platform.gateway.PipelineUnavailableException;
import io.statefront.platform.kafka.Json;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;

/**
 * The paid orders, kept for good in a database made for history, after the order functions have
 * forgotten them ({@code statefront.retention.finished-orders}). Filled from the compacted
 * {@code order-archive} topic by {@link OrderArchiveListener}; an H2 file in the data directory by
 * default, any database Spring's {@code spring.datasource.*} names in production (see
 * docs/architecture.md for why a database and not the topic alone).
 */
@Component
public class OrderArchive implements DisposableBean {

	/** Reads that may wait for a thread; beyond them a read is refused (503) rather than queued without end. */
	private static final int WAITING_READS = 1_000;

	private final JdbcClient jdbc;

	/**
	 * The web side's reads, off the thread that routes the functions' replies: a slow database must
	 * not hold up every other request's answer.
	 */
	private final ThreadPoolExecutor readers = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS,
			new ArrayBlockingQueue<>(WAITING_READS), runnable -> {
				Thread thread = new Thread(runnable, "order-archive-read");
				thread.setDaemon(true);
				return thread;
			});

	private final NamedParameterJdbcTemplate batches;

	private final TransactionTemplate transactions;

	OrderArchive(JdbcClient jdbc, NamedParameterJdbcTemplate batches, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.transactions = transactions;
	}

	/**
	 * {@code read} on a reader thread; a database that fails or a full queue is a 503 (the
	 * functions have answered already; the archive only adds to what they said).
	 */
	public <T> CompletableFuture<T> read(Supplier<T> read) {
		try {
			return CompletableFuture.supplyAsync(read, readers).exceptionally(failure -> {
				throw unavailable(failure);
			});
		}
		catch (RejectedExecutionException ex) {
			return CompletableFuture.failedFuture(unavailable(ex));
		}
	}

	private static PipelineUnavailableException unavailable(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
		if (cause instanceof PipelineUnavailableException unavailable) {
			return unavailable;
		}
		return new PipelineUnavailableException("The order archive cannot be read now: " + cause.getMessage());
	}

	@Override
	public void destroy() {
		readers.shutdownNow();
	}

	/** Keeps {@code order}; an order already kept stays as it is (a paid order never changes). */
	void keep(ArchivedOrder order) {
		keepAll(List.of(order));
	}

	/** Keeps every order of {@code orders} in one transaction, each as {@link #keep} does. */
	void keepAll(List<ArchivedOrder> orders) {
		keepAll(orders, Map.of());
	}

	/**
	 * Keeps every order of {@code orders}, and records how far the topic they came from has been
	 * read ({@code nextOffsets}: partition to the next offset to read), in one transaction. A crash
	 * leaves both or neither, so an order is read again exactly when it was not kept.
	 */
	void keepAll(List<ArchivedOrder> orders, Map<Integer, Long> nextOffsets) {
		SqlParameterSource[] rows = orders.stream()
			.map(order -> new MapSqlParameterSource().addValue("orderId", order.orderId())
				.addValue("seq", sequence(order.orderId()))
				.addValue("userId", order.userId())
				.addValue("items", new String(Json.write(order.items()), StandardCharsets.UTF_8))
				.addValue("totalCost", order.totalCost())
				.addValue("paidAt", order.paidAt()))
			.toArray(SqlParameterSource[]::new);
		SqlParameterSource[] positions = nextOffsets.entrySet()
			.stream()
			.map(position -> new MapSqlParameterSource().addValue("partition", position.getKey())
				.addValue("nextOffset", position.getValue()))
			.toArray(SqlParameterSource[]::new);
		transactions.executeWithoutResult(status -> {
			batches.batchUpdate("""
					MERGE INTO archived_order AS kept
					USING (VALUES (CAST(:orderId AS VARCHAR(20)))) AS incoming (order_id) ON kept.order_id = incoming.order_id
					WHEN NOT MATCHED THEN INSERT (order_id, order_seq, user_id, items, total_cost, paid_at)
					VALUES (:orderId, :seq, :userId, :items, :totalCost, :paidAt)
					""", rows);
			batches.batchUpdate("""
					MERGE INTO archive_read_position AS kept
					USING (VALUES (CAST(:partition AS INT), CAST(:nextOffset AS BIGINT))) AS incoming (topic_partition, next_offset)
					ON kept.topic_partition = incoming.topic_partition
					WHEN MATCHED THEN UPDATE SET next_offset = incoming.next_offset
					WHEN NOT MATCHED THEN INSERT (topic_partition, next_offset) VALUES (incoming.topic_partition, incoming.next_offset)
					""", positions);
		});
	}

	/** How far the order-archive topic has been read: partition to the next offset to read. */
	Map<Integer, Long> nextOffsets() {
		return jdbc.sql("SELECT topic_partition, next_offset FROM archive_read_position")
			.query((row, number) -> Map.entry(row.getInt(1), row.getLong(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	public Optional<ArchivedOrder> find(String orderId) {
		return jdbc.sql("SELECT order_id, user_id, items, total_cost, paid_at FROM archived_order WHERE order_id = :id")
			.param("id", orderId)
			.query((row, number) -> new ArchivedOrder(row.getString(1), row.getString(2),
					List.of(Json.read(row.getString(3).getBytes(StandardCharsets.UTF_8), OrderLine[].class)),
					row.getLong(4), row.getLong(5)))
			.optional();
	}

	/** The ids of the orders {@code userId} paid, newest first, at most {@code limit}. */
	public List<String> paidBy(String userId, int limit) {
		return jdbc.sql("SELECT order_id FROM archived_order WHERE user_id = :user ORDER BY order_seq DESC LIMIT :limit")
			.param("user", userId)
			.param("limit", limit)
			.query(String.class)
			.list();
	}

	/** Order ids are handed out as 0, 1, 2, …: their number orders them. */
	private static long sequence(String orderId) {
		try {
			return Long.parseLong(orderId);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
