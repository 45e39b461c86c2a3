package io.statefront.platform.gateway;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyTimeoutsTest {

	@Test
	void aTimeoutMovesUpToTheNextTenthOfASecondAndNeverBack() {
		Instant tenth = Instant.parse("2026-12-08T03:00:00.100Z");

		assertThat(ReplyTimeouts.onTheGrid(tenth)).isEqualTo(tenth);
		assertThat(ReplyTimeouts.onTheGrid(tenth.plusNanos(1))).isEqualTo(tenth.plusMillis(100));
		assertThat(ReplyTimeouts.onTheGrid(tenth.minusMillis(99))).isEqualTo(tenth);
		assertThat(ReplyTimeouts.onTheGrid(tenth.minusMillis(100))).isEqualTo(tenth.minusMillis(100));
	}

	@Test
	void timeoutsDueInTheSameTenthRunTogetherAndNoneBeforeItsTime() throws Exception {
		ReplyTimeouts timeouts = new ReplyTimeouts();
		try {
			Instant first = Instant.now().plusMillis(150);
			Instant second = first.plusMillis(1);
			List<Instant> ran = new CopyOnWriteArrayList<>();
			CountDownLatch both = new CountDownLatch(2);
			timeouts.schedule(() -> {
				ran.add(Instant.now());
				both.countDown();
			}, second);
			timeouts.schedule(() -> {
				ran.add(Instant.now());
				both.countDown();
			}, first);

			assertThat(both.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(ran).allSatisfy(time -> assertThat(time).isAfterOrEqualTo(ReplyTimeouts.onTheGrid(second)));
		}
		finally {
			timeouts.destroy();
		}
	}

}
