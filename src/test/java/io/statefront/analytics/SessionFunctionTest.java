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
import static org.assertj.core.api.Assertions.tuple;

/** Visits followed in event time: over at their SESSION_END, or abandoned when the watermark passes the gap. */
class SessionFunctionTest {

	private static final long GAP = 10_000;

	private static final SessionData VISITOR = new SessionData("test", "10.0.0.1", "FR", "Lyon", "mobile", "Chrome",
			"Android");

	private static final String PAGE = "/shop/product/3";

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
				new StreamRecord<>(new SessionSummary("s", "u", 1_000, 4_000, 2, true, false, true, PAGE, PAGE, "direct", false), 4_000));
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
				new StreamRecord<>(new SessionSummary("s", "u", 1_000, 5_000, 2, false, true, true, PAGE, PAGE, "direct", false), 15_000));
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

	@Test
	void aSimulatedVisitIsNotRealWhetherItEndsOrIsAbandoned() throws Exception {
		send(EventType.SESSION_START, 1_000, true);
		send(EventType.PAGE_VIEW, 1_200, true);
		send(EventType.SESSION_END, 1_500, true);
		send(EventType.SESSION_START, 2_000, false);
		sessions.process(new WebsiteEvent("sim", 2_500, EventType.PAGE_VIEW, null, "simulated-abandoned", null,
				VISITOR, null, true), 2_500);
		sessions.advanceTo(20_000);

		assertThat(summaries()).extracting(SessionSummary::sessionId, SessionSummary::abandoned, SessionSummary::real)
			.containsExactlyInAnyOrder(tuple("s", false, false), tuple("s", true, true),
					tuple("simulated-abandoned", true, false));
	}

	@Test
	void tellsThePageAVisitCameInByAndWhereFromAtOnceAndThePageItLeftByAtItsEnd() throws Exception {
		SessionData visitor = VISITOR;
		sessions.process(new WebsiteEvent("e1", 1_000, EventType.PAGE_VIEW, "u", "s",
				new PageViewData("/shop/category/shoes", "Shoes", "https://www.google.com/search?q=shoes", 100, null, null,
						null), visitor, null), 1_000);
		assertThat(visitPages()).containsExactly(new VisitPage("u", "/shop/category/shoes", "google.com", true, true));

		sessions.process(new WebsiteEvent("e3", 3_000, EventType.PAGE_VIEW, "u", "s",
				new PageViewData("/shop/cart/items", "Added to cart", "/shop/product/4", 100), visitor, null), 3_000);
		// out of order: earlier than the cart add, so not the page the visit left by
		sessions.process(new WebsiteEvent("e2", 2_000, EventType.PAGE_VIEW, "u", "s",
				new PageViewData("/shop/product/4", "Shoes #4", "/shop/category/shoes", 100), visitor, null), 2_000);
		sessions.process(new WebsiteEvent("e4", 4_000, EventType.SESSION_END, "u", "s", null, visitor, null), 4_000);

		assertThat(visitPages()).containsExactly(new VisitPage("u", "/shop/category/shoes", "google.com", true, true),
				new VisitPage("u", "/shop/cart/items", "google.com", false, true));
		SessionSummary visit = summaries().get(0);
		assertThat(visit.carted()).isTrue();
		assertThat(visit.leftACart()).isTrue();
		assertThat(visit.pageViews()).isEqualTo(3);
	}

	@Test
	void aTaggedLinkNamesTheSourceWhateverTheReferrerAndNoReferrerIsDirect() throws Exception {
		sessions.process(new WebsiteEvent("e1", 1_000, EventType.PAGE_VIEW, "u", "s",
				new PageViewData("/shop/product/1?utm_source=Newsletter", "Shoes #1", "https://mail.example.org/", 100,
						"Newsletter", "email", "winter"), VISITOR, null), 1_000);
		sessions.process(new WebsiteEvent("e2", 1_000, EventType.PAGE_VIEW, "v", "t",
				new PageViewData("/shop/product/1", "Shoes #1", null, 100), VISITOR, null), 1_000);

		assertThat(visitPages()).extracting(VisitPage::visitorId, VisitPage::source)
			.containsExactly(tuple("u", "newsletter"), tuple("v", "direct"));
	}

	private List<VisitPage> visitPages() {
		return sessions.harness()
			.getSideOutput(SessionFunction.VISIT_PAGES)
			.stream()
			.map(StreamRecord::getValue)
			.toList();
	}

	private void send(EventType type, long timestamp) throws Exception {
		send(type, timestamp, false);
	}

	private void send(EventType type, long timestamp, boolean simulated) throws Exception {
		PageViewData page = (type == EventType.PAGE_VIEW) ? new PageViewData("/shop/product/3", "Shoes #3", null, 200)
				: null;
		sessions.process(new WebsiteEvent("e" + timestamp, timestamp, type, "u", "s", page, VISITOR, null, simulated),
				timestamp);
	}

	private List<SessionSummary> summaries() {
		return sessions.outputValues();
	}

}
