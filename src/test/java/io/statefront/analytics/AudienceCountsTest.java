package io.statefront.analytics;

import java.util.Map;

import io.statefront.analytics.WebsiteEvent.PageViewData;
import io.statefront.analytics.WebsiteEvent.SessionData;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the audience window keeps of each visitor, as Flink writes it into a checkpoint: the fields
 * the breakdowns count, not the user agent, address and city beside them.
 */
class AudienceCountsTest {

	private static final String USER_AGENT = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

	private final TypeSerializer<AudienceCounts> serializer = TypeInformation.of(AudienceCounts.class)
		.createSerializer(new SerializerConfigImpl());

	@Test
	void keepsOfAVisitorOnlyWhatTheBreakdownsCount() {
		AudienceCounts counts = new AudienceCounts();
		counts.add(view("visitor-1", new SessionData(USER_AGENT, "203.0.113.7", "JP", "Tokyo", "mobile", "Safari", "iOS")));

		assertThat(counts.sessionDataByVisitor)
			.containsExactlyEntriesOf(Map.of("visitor-1",
					new SessionData(null, null, "JP", null, "mobile", "Safari", "iOS")));
	}

	@Test
	void aVisitorsCheckpointedBytesDoNotGrowWithTheirUserAgent() throws Exception {
		AudienceCounts plain = new AudienceCounts();
		plain.add(view("visitor-1", new SessionData("", "", "JP", "", "mobile", "Safari", "iOS")));
		AudienceCounts detailed = new AudienceCounts();
		detailed.add(view("visitor-1", new SessionData(USER_AGENT, "203.0.113.7", "JP", "Tokyo", "mobile", "Safari", "iOS")));

		assertThat(checkpointedBytes(detailed)).isLessThanOrEqualTo(checkpointedBytes(plain));
	}

	@Test
	void aRestoredVisitorWithEveryFieldStillCounts() throws Exception {
		// what checkpoints taken before the fields were dropped hold: whole session data
		AudienceCounts restored = new AudienceCounts();
		restored.sessionDataByVisitor.put("visitor-1",
				new SessionData(USER_AGENT, "203.0.113.7", "JP", "Tokyo", "mobile", "Safari", "iOS"));
		restored = roundTrip(restored);
		restored.add(view("visitor-2", new SessionData(USER_AGENT, "203.0.113.8", "JP", "Osaka", "mobile", "Safari", "iOS")));

		assertThat(Breakdowns.count(restored.sessionDataByVisitor.values(), SessionData::country))
			.containsExactlyEntriesOf(Map.of("JP", 2L));
	}

	private static WebsiteEvent view(String visitor, SessionData sessionData) {
		return new WebsiteEvent("event-" + visitor, 1_000, EventType.PAGE_VIEW, visitor, "session-" + visitor,
				new PageViewData("/shop/product/1", "A product", null, 120), sessionData, null);
	}

	private int checkpointedBytes(AudienceCounts counts) throws Exception {
		DataOutputSerializer out = new DataOutputSerializer(256);
		serializer.serialize(counts, out);
		return out.length();
	}

	private AudienceCounts roundTrip(AudienceCounts counts) throws Exception {
		DataOutputSerializer out = new DataOutputSerializer(256);
		serializer.serialize(counts, out);
		return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
	}

}
