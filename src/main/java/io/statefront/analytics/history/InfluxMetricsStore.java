package io.statefront.analytics.history;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import io.micrometer.core.instrument.Counter;
import io.statefront.analytics.Measurements;
import io.statefront.analytics.MetricResult;
import io.statefront.analytics.Traffic;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.influxdb.BatchOptions;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metric history in InfluxDB: each result a point of its measurement at its window's end, with
 * field {@code value} and its tag (such as {@code country}) when it has one, written in batches;
 * a real-only result goes to the measurement of its {@link MetricResult#series() series}
 * ({@code real_page_views_per_second}). History is read back with InfluxQL.
 */
class InfluxMetricsStore implements MetricsStore {

	private static final Logger log = LoggerFactory.getLogger(InfluxMetricsStore.class);

	/** Points kept for another try while InfluxDB is away: minutes of the analytics job's output. */
	static final int RETRY_BUFFER = 10_000;

	static final int PREPARE_RETRY_SECONDS = 5;

	private final String mode;

	private final String url;

	private final InfluxDB influx;

	private final String database;

	private final String retentionPolicy;

	private final @Nullable AutoCloseable server;

	private final ScheduledExecutorService preparer = Executors
		.newSingleThreadScheduledExecutor(task -> daemon(task, "influx-prepare"));

	/**
	 * @param writeErrors counts write requests InfluxDB failed or did not answer; their points stay
	 * buffered and go again with the next batch
	 * @param droppedPoints counts points given up on when that buffer ({@value #RETRY_BUFFER} points)
	 * is full, or that InfluxDB refused outright
	 */
	InfluxMetricsStore(String mode, String url, InfluxProperties properties, Counter writeErrors,
			Counter droppedPoints, @Nullable AutoCloseable server) {
		this.mode = mode;
		this.url = url;
		this.database = properties.database();
		this.retentionPolicy = properties.retentionPolicy();
		this.server = server;
		OkHttpClient.Builder http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(2))
			.readTimeout(Duration.ofSeconds(10))
			.addInterceptor(new WriteErrorCounter(writeErrors));
		this.influx = properties.username() == null ? InfluxDBFactory.connect(url, http)
				: InfluxDBFactory.connect(url, properties.username(), properties.password(), http);
		influx.enableBatch(BatchOptions.DEFAULTS.actions(properties.batchSize())
			.flushDuration((int) properties.flushInterval().toMillis())
			.bufferLimit(properties.batchSize() + RETRY_BUFFER)
			.precision(TimeUnit.MILLISECONDS)
			.threadFactory(task -> daemon(task, "influx-writer"))
			// a slow InfluxDB must not hold up the listener, and with it the live push to STOMP
			.dropActionsOnQueueExhaustion(true)
			.droppedActionHandler(point -> droppedPoints.increment())
			.exceptionHandler((points, failure) -> {
				long lost = StreamSupport.stream(points.spliterator(), false).count();
				droppedPoints.increment(lost);
				log.warn("Dropped {} metric points InfluxDB at {} did not take: {}", lost, url, failure.getMessage());
			}));
		prepareUntilDone(properties.retention());
	}

	@Override
	public void write(MetricResult result) {
		Point.Builder point = Point.measurement(result.series())
			.time(result.windowEnd(), TimeUnit.MILLISECONDS)
			.addField("value", result.value());
		if (result.tagKey() != null && result.tagValue() != null) {
			point.tag(result.tagKey(), tagValue(result.tagValue()));
		}
		if (result.detailKey() != null && result.detailValue() != null) {
			point.tag(result.detailKey(), tagValue(result.detailValue()));
		}
		influx.write(database, retentionPolicy, point.build());
	}

	@Override
	public List<MetricPoint> history(String measurement, Traffic traffic, Duration span) {
		// newest first so that the limit keeps the latest points; handed back oldest first
		String select = "SELECT * FROM %s.%s WHERE time >= now() - %dms ORDER BY time DESC LIMIT %d".formatted(
				identifier(retentionPolicy), identifier(Measurements.series(measurement, traffic.realOnly())),
				span.toMillis(), MAX_POINTS);
		List<MetricPoint> points = new ArrayList<>();
		String detailTag = Measurements.detailTag(measurement);
		for (QueryResult.Series series : seriesOf(query(select))) {
			int time = series.getColumns().indexOf("time");
			int value = series.getColumns().indexOf("value");
			int detail = (detailTag == null) ? -1 : series.getColumns().indexOf(detailTag);
			int tag = tagColumn(series.getColumns(), detailTag);
			for (List<Object> row : series.getValues()) {
				points.add(new MetricPoint(((Number) row.get(time)).longValue(), ((Number) row.get(value)).doubleValue(),
						text(row, tag), text(row, detail)));
			}
		}
		Collections.reverse(points);
		return points;
	}

	@Override
	public String mode() {
		return mode;
	}

	String url() {
		return url;
	}

	String database() {
		return database;
	}

	@Override
	public boolean available() {
		try {
			return influx.ping().isGood();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** Sends what is batched now. */
	void flush() {
		influx.flush();
	}

	@Override
	public void close() {
		preparer.shutdownNow();
		try {
			influx.close();
		}
		finally {
			if (server != null) {
				try {
					server.close();
				}
				catch (Exception ex) {
					log.warn("Could not stop the managed InfluxDB", ex);
				}
			}
		}
	}

	/**
	 * Creates the database (and the retention policy, when a duration is given) now, or, while the
	 * server is away or refuses, every {@value #PREPARE_RETRY_SECONDS} seconds until it can: until then
	 * InfluxDB drops the points it gets (an unknown database is not worth a retry to it).
	 */
	private void prepareUntilDone(@Nullable Duration retention) {
		try {
			prepare(retention);
		}
		catch (MetricsStoreUnavailableException ex) {
			log.warn("Could not prepare database '{}' on InfluxDB at {}, trying again every {} s: {}", database, url,
					PREPARE_RETRY_SECONDS, ex.getMessage());
			preparer.schedule(() -> retryPrepare(retention), PREPARE_RETRY_SECONDS, TimeUnit.SECONDS);
		}
	}

	private void retryPrepare(@Nullable Duration retention) {
		try {
			prepare(retention);
			log.info("Prepared database '{}' on InfluxDB at {}", database, url);
		}
		catch (MetricsStoreUnavailableException ex) {
			preparer.schedule(() -> retryPrepare(retention), PREPARE_RETRY_SECONDS, TimeUnit.SECONDS);
		}
	}

	private void prepare(@Nullable Duration retention) {
		query("CREATE DATABASE " + identifier(database));
		if (retention != null) {
			boolean exists = seriesOf(query("SHOW RETENTION POLICIES ON " + identifier(database))).stream()
				.flatMap(series -> series.getValues().stream())
				.anyMatch(row -> retentionPolicy.equals(row.get(0)));
			query("%s RETENTION POLICY %s ON %s DURATION %ds%s".formatted(exists ? "ALTER" : "CREATE",
					identifier(retentionPolicy), identifier(database), retention.toSeconds(),
					exists ? "" : " REPLICATION 1"));
		}
	}

	private QueryResult query(String command) {
		QueryResult result;
		try {
			result = influx.query(new Query(command, database), TimeUnit.MILLISECONDS);
		}
		catch (RuntimeException ex) {
			throw new MetricsStoreUnavailableException("InfluxDB at " + url + " did not answer: " + ex.getMessage(), ex);
		}
		String error = result.getError() != null ? result.getError()
				: result.getResults() == null ? null
						: result.getResults().stream().map(QueryResult.Result::getError).filter(e -> e != null)
							.findFirst().orElse(null);
		if (error != null) {
			throw new MetricsStoreUnavailableException("InfluxDB at " + url + " refused '" + command + "': " + error,
					null);
		}
		return result;
	}

	private static List<QueryResult.Series> seriesOf(QueryResult result) {
		return result.getResults().stream()
			.filter(r -> r.getSeries() != null)
			.flatMap(r -> r.getSeries().stream())
			.toList();
	}

	/** The (first) tag column a measurement has, if any: every column but time, value and its second tag's. */
	private static int tagColumn(List<String> columns, @Nullable String detailTag) {
		for (int i = 0; i < columns.size(); i++) {
			String column = columns.get(i);
			if (!column.equals("time") && !column.equals("value") && !column.equals(detailTag)) {
				return i;
			}
		}
		return -1;
	}

	private static @Nullable String text(List<Object> row, int column) {
		Object value = (column < 0) ? null : row.get(column);
		return (value == null) ? null : value.toString();
	}

	/** Counts the write requests that failed, whether InfluxDB answered with an error or not at all. */
	private record WriteErrorCounter(Counter writeErrors) implements Interceptor {

		@Override
		public Response intercept(Chain chain) throws IOException {
			boolean write = chain.request().url().encodedPath().endsWith("/write");
			try {
				Response response = chain.proceed(chain.request());
				if (write && !response.isSuccessful()) {
					writeErrors.increment();
				}
				return response;
			}
			catch (IOException ex) {
				if (write) {
					writeErrors.increment();
				}
				throw ex;
			}
		}

	}

	/**
	 * A tag value line protocol can carry: no line breaks, no trailing backslash (it would escape the
	 * separator), not empty.
	 */
	static String tagValue(String value) {
		String clean = value.replaceAll("[\\r\\n]+", " ").replaceAll("\\\\+$", "").strip();
		return clean.isEmpty() ? "(none)" : clean;
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	private static String identifier(String name) {
		return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

}
