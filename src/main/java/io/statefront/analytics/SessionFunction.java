package io.statefront.analytics;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Follows each visit in event time, keyed by session id, and emits its {@link SessionSummary} when
 * it is over: at its SESSION_END, or when the watermark passes its last event plus the session
 * gap. A summary carries the time the visit was known to be over (the SESSION_END's timestamp, or
 * the end of the gap), so the windows downstream count it then; an event-time session window
 * would date every summary a whole gap after the visit's last event.
 *
 * <p>On the side ({@link #VISIT_PAGES}) it tells the page each visit came in by, at its first page
 * view, and the page it left by, when it is over: the visit is in its state already, so entry and
 * exit pages and sources cost a comparison per event rather than a state of their own.
 */
class SessionFunction extends KeyedProcessFunction<String, WebsiteEvent, SessionSummary> {

	static final OutputTag<VisitPage> VISIT_PAGES = new OutputTag<>("visit-pages", Types.POJO(VisitPage.class)) {
	};

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
		SessionSummary now = ((before == null) ? SessionSummary.openedBy(event) : before).with(event);
		if (now.entryPage() != null && (before == null || before.entryPage() == null)) {
			context.output(VISIT_PAGES, new VisitPage(now.visitorId(), now.entryPage(), now.source(), true, now.real()));
		}
		if (before != null) {
			context.timerService().deleteEventTimeTimer(before.end() + gapMillis);
		}
		if (event.eventType() == EventType.SESSION_END) {
			visit.clear();
			over(now, context, out);
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
			over(abandoned.asAbandoned(), context, out);
		}
	}

	private static void over(SessionSummary visit, Context context, Collector<SessionSummary> out) {
		out.collect(visit);
		if (visit.exitPage() != null) {
			context.output(VISIT_PAGES, new VisitPage(visit.visitorId(), visit.exitPage(), visit.source(), false,
					visit.real()));
		}
	}

}
