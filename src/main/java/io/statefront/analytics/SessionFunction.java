package io.statefront.analytics;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Follows each visit in event time, keyed by session id, and emits its {@link SessionSummary} when
 * it is over: at its SESSION_END, or when the watermark passes its last event plus the session
 * gap. A summary carries the time the visit was known to be over (the SESSION_END's timestamp, or
 * the end of the gap), so the windows downstream count it then; an event-time session window
 * would date every summary a whole gap after the visit's last event.
 */
class SessionFunction extends KeyedProcessFunction<String, WebsiteEvent, SessionSummary> {

	private final long gapMillis;

	private transient ValueState<SessionSummary> visit;

	SessionFunction(long gapMillis) {
		this.gapMillis = gapMillis;
	}

	@Override
	public void open(OpenContext openContext) {
		visit = getRuntimeContext().getState(new ValueStateDescriptor<>("visit", Types.POJO(SessionSummary.class)));
	}

	@Override
	public void processElement(WebsiteEvent event, Context context, Collector<SessionSummary> out) throws Exception {
		SessionSummary before = visit.value();
		long time = event.timestamp();
		SessionSummary now = (before == null)
				? new SessionSummary(event.sessionId(), event.key(), time, time, 0, false, false, false)
				: new SessionSummary(before.sessionId(), before.visitorId(), Math.min(before.start(), time),
						Math.max(before.end(), time), before.pageViews(), before.converted(), false, false);
		now = new SessionSummary(now.sessionId(), now.visitorId(), now.start(), now.end(),
				now.pageViews() + ((event.eventType() == EventType.PAGE_VIEW) ? 1 : 0),
				now.converted() || event.eventType() == EventType.CONVERSION, false, !event.simulated());
		if (before != null) {
			context.timerService().deleteEventTimeTimer(before.end() + gapMillis);
		}
		if (event.eventType() == EventType.SESSION_END) {
			visit.clear();
			out.collect(now);
			return;
		}
		visit.update(now);
		context.timerService().registerEventTimeTimer(now.end() + gapMillis);
	}

	@Override
	public void onTimer(long timestamp, OnTimerContext context, Collector<SessionSummary> out) throws Exception {
		SessionSummary abandoned = visit.value();
		if (abandoned != null && abandoned.end() + gapMillis == timestamp) {
			visit.clear();
			out.collect(new SessionSummary(abandoned.sessionId(), abandoned.visitorId(), abandoned.start(),
					abandoned.end(), abandoned.pageViews(), abandoned.converted(), true, abandoned.real()));
		}
	}

}
