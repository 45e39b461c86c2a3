package io.statefront.analytics;

import io.statefront.platform.flink.MicrometerReporter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Counts the events passing through in a job metric that reaches the application's meters as
 * {@code statefront.<name>}: the events the job takes in, and those too late for their window, so
 * none vanish unseen.
 */
final class EventCounter extends RichMapFunction<WebsiteEvent, WebsiteEvent> {

	static final String EVENTS_IN = "analytics.events.in";

	static final String EVENTS_LATE = "analytics.events.late";

	private final String name;

	private transient Counter events;

	EventCounter(String name) {
		this.name = name;
	}

	@Override
	public void open(OpenContext openContext) {
		events = getRuntimeContext().getMetricGroup().addGroup(MicrometerReporter.USER_GROUP).counter(name);
	}

	@Override
	public WebsiteEvent map(WebsiteEvent event) {
		events.inc();
		return event;
	}

}
