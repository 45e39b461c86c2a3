package io.statefront.platform.flink;

import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.flink.metrics.CharacterFilter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.LogicalScopeProvider;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Shows the in-process cluster's figures as Micrometer meters (and so in {@code /actuator/prometheus}):
 * per job its restarts and checkpoints, per task records in and out and back pressure, per source
 * the records it read and per sink those it wrote, and every
 * counter a function registers in a {@value #USER_GROUP} metric group, as
 * {@code statefront.<counter name>}. Flink's thousands of other metrics are left out.
 *
 * <p>Flink creates reporters by class name from its configuration, so the application's registry
 * reaches this one through {@link #register(MeterRegistry)} and the id it returns.
 */
public final class MicrometerReporter implements MetricReporter {

	/** The metric group under which functions register counters meant for the application's meters. */
	public static final String USER_GROUP = "statefront";

	static final String NAME = "micrometer";

	static final String REGISTRY_PROPERTY = "registry";

	private static final Map<String, MeterRegistry> registries = new ConcurrentHashMap<>();

	private static final Map<String, String> JOB_GAUGES = Map.of("numRestarts", "flink.job.restarts",
			"numberOfCompletedCheckpoints", "flink.job.checkpoints.completed", "numberOfFailedCheckpoints",
			"flink.job.checkpoints.failed", "numberOfInProgressCheckpoints", "flink.job.checkpoints.in.progress",
			"lastCheckpointDuration", "flink.job.checkpoint.last.duration", "lastCheckpointSize",
			"flink.job.checkpoint.last.size");

	private static final Map<String, String> TASK_METRICS = Map.of("numRecordsIn", "flink.task.records.in",
			"numRecordsOut", "flink.task.records.out", "backPressuredTimeMsPerSecond",
			"flink.task.backpressured.time.per.second");

	/** Records a job's sources read, per source operator and subtask. */
	public static final String SOURCE_RECORDS = "flink.source.records.read";

	/** Records a job's sinks wrote, per sink writer and subtask. */
	public static final String SINK_RECORDS = "flink.sink.records.written";

	private static final String SOURCE_PREFIX = "Source: ";

	private final MeterRegistry meters;

	private final Map<Metric, Meter> registered = new ConcurrentHashMap<>();

	private MicrometerReporter(MeterRegistry meters) {
		this.meters = meters;
	}

	/** Makes {@code meters} known to reporters created with the id returned. */
	static String register(MeterRegistry meters) {
		String id = UUID.randomUUID().toString();
		registries.put(id, meters);
		return id;
	}

	static void unregister(String id) {
		registries.remove(id);
	}

	@Override
	public void open(MetricConfig config) {
	}

	@Override
	public void close() {
		registered.values().forEach(meters::remove);
		registered.clear();
	}

	@Override
	public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
		String scope = LogicalScopeProvider.castFrom(group).getLogicalScope(CharacterFilter.NO_OP_FILTER);
		Map<String, String> variables = group.getAllVariables();
		Tags job = Tags.of("job", variables.getOrDefault("<job_name>", ""));
		Tags subtask = job.and("task", variables.getOrDefault("<task_name>", ""), "subtask",
				variables.getOrDefault("<subtask_index>", ""));
		Meter meter = null;
		if (scope.equals("jobmanager.job") && JOB_GAUGES.containsKey(name)) {
			meter = gauge(JOB_GAUGES.get(name), metric, job);
		}
		else if (scope.equals("taskmanager.job.task") && TASK_METRICS.containsKey(name)) {
			meter = metric instanceof Counter counter ? counter(TASK_METRICS.get(name), counter, subtask)
					: gauge(TASK_METRICS.get(name), metric, subtask);
		}
		else if (scope.equals("taskmanager.job.task.operator") && metric instanceof Counter counter) {
			meter = operatorCounter(name, counter, variables.getOrDefault("<operator_name>", ""), subtask);
		}
		else if (scope.endsWith("." + USER_GROUP) && metric instanceof Counter counter) {
			meter = counter(USER_GROUP + "." + name, counter, subtask);
		}
		if (meter != null) {
			registered.put(metric, meter);
		}
	}

	@Override
	public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
		Meter meter = registered.remove(metric);
		if (meter != null) {
			meters.remove(meter);
		}
	}

	/**
	 * What a job takes in and gives out, as an operator means its throughput: the records its
	 * sources read (a source operator's input, which Flink names {@code Source: <name>}) and those
	 * its sinks wrote (a sink writer's records sent), not every operator's input summed.
	 */
	private Meter operatorCounter(String name, Counter counter, String operator, Tags subtask) {
		if (name.equals("numRecordsIn") && operator.startsWith(SOURCE_PREFIX)) {
			return counter(SOURCE_RECORDS, counter, subtask.and("operator", operator));
		}
		if (name.equals("numRecordsSend")) {
			return counter(SINK_RECORDS, counter, subtask.and("operator", operator));
		}
		return null;
	}

	private Meter counter(String name, Counter counter, Tags tags) {
		// a restarted task registers its metric again: the new one replaces the old
		meters.remove(new Meter.Id(name, tags, null, null, Meter.Type.COUNTER));
		return FunctionCounter.builder(name, counter, Counter::getCount).tags(tags).register(meters);
	}

	private Meter gauge(String name, Metric metric, Tags tags) {
		if (!(metric instanceof org.apache.flink.metrics.Gauge<?> gauge)) {
			return null;
		}
		meters.remove(new Meter.Id(name, tags, null, null, Meter.Type.GAUGE));
		return Gauge.builder(name, gauge, MicrometerReporter::numberOf).tags(tags).register(meters);
	}

	private static double numberOf(org.apache.flink.metrics.Gauge<?> gauge) {
		return gauge.getValue() instanceof Number number ? number.doubleValue() : Double.NaN;
	}

	/** Created by Flink from {@code metrics.reporter.micrometer.factory.class}. */
	public static final class Factory implements MetricReporterFactory {

		@Override
		public MetricReporter createMetricReporter(Properties properties) {
			MeterRegistry meters = registries.get(properties.getProperty(REGISTRY_PROPERTY));
			if (meters == null) {
				throw new IllegalStateException("No meter registry registered as '"
						+ properties.getProperty(REGISTRY_PROPERTY) + "'");
			}
			return new MicrometerReporter(meters);
		}

	}

}
