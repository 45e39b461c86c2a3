package io.statefront.analytics;

import java.time.Duration;
import java.util.List;

import io.statefront.order.ArchivedOrder;
import io.statefront.order.OrderLine;
import io.statefront.support.FunctionHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's side of the reconciliation: each paid order once, its id remembered until event time
 * passes its window's end and the horizon.
 */
class PaidOrdersTest {

	private static final Duration WINDOW = Duration.ofSeconds(10);

	private static final Duration HORIZON = Duration.ofSeconds(20);

	private FunctionHarness<ArchivedOrder, RevenueEntry> paidOrders;

	@BeforeEach
	void openHarness() throws Exception {
		paidOrders = FunctionHarness.open(() -> new PaidOrders(WINDOW, HORIZON), ArchivedOrder::orderId);
	}

	@AfterEach
	void closeHarness() throws Exception {
		paidOrders.close();
	}

	@Test
	void countsAnOrderTheArchiveHoldsTwiceOnce() throws Exception {
		paid("o1", 40, 1_100);
		paid("o2", 60, 2_100);
		paid("o1", 40, 1_100);

		assertThat(paidOrders.outputValues()).containsExactly(new RevenueEntry(true, 40), new RevenueEntry(true, 60));
	}

	@Test
	void forgetsAnOrderWhenEventTimePassesItsWindowsEndAndTheHorizon() throws Exception {
		paid("o1", 40, 1_100);
		paid("o2", 60, 12_000);

		paidOrders.advanceTo(29_998);
		assertThat(paidOrders.keyedStateEntries()).isEqualTo(2);

		paidOrders.advanceTo(29_999);
		assertThat(paidOrders.keyedStateEntries()).isEqualTo(1);
	}

	@Test
	void aCopyReadAfterItsWindowClosedButWithinTheHorizonIsNotCountedAgain() throws Exception {
		paid("o1", 40, 1_100);
		paidOrders.advanceTo(15_000);

		paid("o1", 40, 1_100);

		assertThat(paidOrders.outputValues()).containsExactly(new RevenueEntry(true, 40));
	}

	@Test
	void anOrderReadAfterTheHorizonIsLateAndNotCounted() throws Exception {
		paid("o1", 40, 1_100);
		paidOrders.advanceTo(30_000);

		paid("o1", 40, 1_100);
		paid("o3", 25, 9_000);

		assertThat(paidOrders.outputValues()).containsExactly(new RevenueEntry(true, 40));
		assertThat(paidOrders.keyedStateEntries()).isZero();
	}

	@Test
	void aCopyReadAfterARestartIsFoundByTheIdsItsRestorePointHolds() throws Exception {
		paid("o1", 40, 1_100);
		paidOrders.advanceTo(15_000);

		paidOrders.restore(paidOrders.snapshot(1));
		paid("o1", 40, 1_100);

		assertThat(paidOrders.outputValues()).isEmpty();
	}

	@Test
	void keepsOnlyTheOrdersOfTheLastWindowsHoweverManyWerePaid() throws Exception {
		for (int window = 0; window < 100; window++) {
			for (int order = 0; order < 50; order++) {
				paid("o" + window + "-" + order, 1, window * 10_000L + order * 100);
			}
			paidOrders.advanceTo(window * 10_000L + 9_999);
		}

		assertThat(paidOrders.outputValues()).hasSize(5_000);
		// the last two windows: a window's ids go when event time is 20 s past its end
		assertThat(paidOrders.keyedStateEntries()).isEqualTo(100);
	}

	private void paid(String order, long cost, long at) throws Exception {
		paidOrders.process(new ArchivedOrder(order, "42", List.of(new OrderLine("7", 1)), cost, at), at);
	}

}
