package io.statefront.order;

import java.util.List;

import io.statefront.order.OrderResult.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkout saga as a whole, with the real order, item and user functions wired in memory
 * ({@link InMemoryShop}): what it does to credit and stock when it pays, when each participant
 * refuses, when every message comes twice, and when a crash replays it from a checkpoint.
 */
class CheckoutSagaTest {

	private InMemoryShop shop;

	@BeforeEach
	void openShop() throws Exception {
		shop = new InMemoryShop();
		shop.openUser("5", 100);
		shop.openItem("3", 10, 25);
		shop.openItem("4", 1, 10);
	}

	@AfterEach
	void closeShop() throws Exception {
		shop.close();
	}

	@Test
	void aPaidCheckoutTakesTheStockAndTheCredit() throws Exception {
		openOrder("0", 3, 1);

		OrderResult paid = shop.order(shop.checkout("0"));

		assertThat(paid.outcome()).isEqualTo(Outcome.OK);
		assertThat(paid.paid()).isTrue();
		assertThat(paid.totalCost()).isEqualTo(85);
		assertThat(shop.credit("5")).isEqualTo(15);
		assertThat(shop.stock("3")).isEqualTo(7);
		assertThat(shop.stock("4")).isZero();
	}

	@Test
	void aCheckoutShortOfStockGivesBackTheOtherItemAndTheCredit() throws Exception {
		openOrder("0", 3, 2);

		OrderResult refused = shop.order(shop.checkout("0"));

		assertThat(refused.outcome()).isEqualTo(Outcome.INSUFFICIENT_STOCK);
		assertThat(refused.refusedBy()).isEqualTo("4");
		assertThat(refused.paid()).isFalse();
		assertNothingChanged();
	}

	@Test
	void aCheckoutShortOfCreditGivesBackTheStock() throws Exception {
		shop.openUser("5", 84);
		openOrder("0", 3, 1);

		OrderResult refused = shop.order(shop.checkout("0"));

		assertThat(refused.outcome()).isEqualTo(Outcome.INSUFFICIENT_CREDIT);
		assertThat(refused.refusedBy()).isEqualTo("5");
		assertThat(refused.balance()).isEqualTo(84);
		assertThat(shop.credit("5")).isEqualTo(84);
		assertThat(shop.stock("3")).isEqualTo(10);
		assertThat(shop.stock("4")).isEqualTo(1);
	}

	@Test
	void aUserRemovedBeforeCheckoutRefusesThePaymentAndTheStockComesBack() throws Exception {
		openOrder("0", 3, 1);
		shop.removeUser("5");

		OrderResult refused = shop.order(shop.checkout("0"));

		assertThat(refused.outcome()).isEqualTo(Outcome.USER_NOT_FOUND);
		assertThat(shop.stock("3")).isEqualTo(10);
		assertThat(shop.stock("4")).isEqualTo(1);
	}

	@Test
	void anOrderForAnUnknownUserOrItemNeverOpensOrGrows() throws Exception {
		assertThat(shop.order(shop.create("1", "6")).outcome()).isEqualTo(Outcome.USER_NOT_FOUND);
		assertThat(shop.order(shop.create("0", "5")).outcome()).isEqualTo(Outcome.OK);
		assertThat(shop.order(shop.addItem("0", "9", 1)).outcome()).isEqualTo(Outcome.ITEM_NOT_FOUND);
		assertThat(shop.order(shop.checkout("0")).totalCost()).isZero();
	}

	@Test
	void everyStepAndReplyDeliveredTwiceChangesNothingMore() throws Exception {
		shop.deliverEveryMessageTwice();
		openOrder("0", 3, 1);
		assertThat(shop.order(shop.checkout("0")).paid()).isTrue();

		shop.openUser("6", 1_000);
		assertThat(shop.order(shop.create("1", "6")).outcome()).isEqualTo(Outcome.OK);
		shop.order(shop.addItem("1", "3", 1));
		shop.order(shop.addItem("1", "4", 1));
		assertThat(shop.order(shop.checkout("1")).outcome()).isEqualTo(Outcome.INSUFFICIENT_STOCK);

		assertThat(shop.credit("5")).isEqualTo(15);
		assertThat(shop.credit("6")).isEqualTo(1_000);
		assertThat(shop.stock("3")).isEqualTo(7);
		assertThat(shop.stock("4")).isZero();
	}

	@Test
	void aCrashMidCheckoutReplaysToTheSameEndAndChargesOnce() throws Exception {
		openOrder("0", 3, 1);
		OrderMessage checkout = shop.checkout("0");
		shop.start(checkout);
		shop.deliverItemStepsOnly();
		InMemoryShop.Checkpoint checkpoint = shop.checkpoint();
		shop.settle();
		OrderResult beforeTheCrash = shop.answerTo(checkout);

		shop.crashAndRestore(checkpoint);

		assertThat(beforeTheCrash.paid()).isTrue();
		assertThat(shop.answerTo(checkout)).isEqualTo(beforeTheCrash);
		List<OrderResponse> toTheCheckout = shop.answers()
			.stream()
			.filter(answer -> answer.requestId().equals(checkout.requestId()))
			.toList();
		assertThat(toTheCheckout).as("answered again by the replay, the same way").hasSize(2).allMatch(
				answer -> answer.result().equals(beforeTheCrash));
		assertThat(shop.credit("5")).isEqualTo(15);
		assertThat(shop.stock("3")).isEqualTo(7);
		assertThat(shop.stock("4")).isZero();
	}

	@Test
	void aCrashDuringCompensationGivesBackOnce() throws Exception {
		openOrder("0", 3, 2);
		OrderMessage checkout = shop.checkout("0");
		shop.start(checkout);
		shop.deliverItemStepsOnly(); // item 3 taken, item 4 refused, the payment not yet delivered
		InMemoryShop.Checkpoint beforeTheReplies = shop.checkpoint();
		shop.settle();

		// each replay sends the return of item 3 and the refund again
		shop.crashAndRestore(beforeTheReplies);
		shop.crashAndRestore(beforeTheReplies);

		assertThat(shop.answerTo(checkout).outcome()).isEqualTo(Outcome.INSUFFICIENT_STOCK);
		assertNothingChanged();
	}

	/** An order of 3 × item 3 (25 each) and {@code ofItemFour} × item 4 (10 each) for user 5. */
	private void openOrder(String orderId, long ofItemThree, long ofItemFour) throws Exception {
		assertThat(shop.order(shop.create(orderId, "5")).outcome()).isEqualTo(Outcome.OK);
		assertThat(shop.order(shop.addItem(orderId, "3", ofItemThree)).outcome()).isEqualTo(Outcome.OK);
		assertThat(shop.order(shop.addItem(orderId, "4", ofItemFour)).outcome()).isEqualTo(Outcome.OK);
	}

	private void assertNothingChanged() throws Exception {
		assertThat(shop.credit("5")).isEqualTo(100);
		assertThat(shop.stock("3")).isEqualTo(10);
		assertThat(shop.stock("4")).isEqualTo(1);
	}

}
