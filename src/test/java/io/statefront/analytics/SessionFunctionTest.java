package io.statefront.analytics;

import java.util.List;

import io.statefront.analytics.WebsiteEvent.PageViewData;
import io.statefront.analytics.WebsiteEvent.SessionData;
import io.statefront.support.FunctionHarness;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Visits followed in event time: over at their SESSION_END, or abandoned when the watermark passes the gap. */
class SessionFunctionTest {

	private static final long GAP = 10_000;

	private static final SessionData VISITOR = new SessionData("test", "10.0.0.1", "FR", "Lyon", "mobile", "Chrome",
			"Android");

	private FunctionHarness<WebsiteEvent, SessionSummary> sessions;

	@BeforeEach
	void openHarness() throws Exception {
		sessions = FunctionHarness.open(() -> new SessionFunction(GAP), WebsiteEvent::sessionId);
	}

	@AfterEach
	void closeHarness() throws Exception {
		sessions.close();
	}

	@Test
	void summarisesAVisitAtItsEndAndDatesItThen() throws Exception {
		send(EventType.SESSION_START, 1_000);
		send(EventType.PAGE_VIEW, 3_000);
		send(EventType.PAGE_VIEW, 2_000);
		send(EventType.CONVERSION, 3_500);
		send(EventType.SESSION_END, 4_000);

		assertThat(sessions.harness().getOutput()).containsExactly(
				new StreamRecord<>(new SessionSummary("s", "u", 1_000, 4_000, 2, true, false), 4_000));
	}

	@Test
	void abandonsAVisitOnlyWhenTheWatermarkPassesItsLastEventPlusTheGap() throws Exception {
		send(EventType.SESSION_START, 1_000);
		send(EventType.PAGE_VIEW, 2_000);
		sessions.advanceTo(11_000);
		send(EventType.PAGE_VIEW, 5_000);
		sessions.advanceTo(14_999);
		assertThat(summaries()).isEmpty();

		sessions.advanceTo(15_000);

		assertThat(sessions.harness().getOutput()).contains(
				new StreamRecord<>(new SessionSummary("s", "u", 1_000, 5_000, 2, false, true), 15_000));
	}

	@Test
	void aVisitOfOnePageIsABounce() throws Exception {
		send(EventType.SESSION_START, 1_000);
		send(EventType.PAGE_VIEW, 1_200);
		send(EventType.SESSION_END, 1_500);

		SessionSummary visit = summaries().get(0);
		assertThat(visit.bounced()).isTrue();
		assertThat(visit.durationMillis()).isEqualTo(500);
	}

	private void send(EventType type, long timestamp) throws Exception {
		PageViewData page = (type == EventType.PAGE_VIEW) ? new PageViewData("/shop/product/3", "Shoes #3", null, 200)
				: null;
		sessions.process(new WebsiteEvent("e" + timestamp, timestamp, type, "u", "s", page, VISITOR, null), timestamp);
	}

	private List<SessionSummary> summaries() {
		return sessions.outputValues();
	}

}
