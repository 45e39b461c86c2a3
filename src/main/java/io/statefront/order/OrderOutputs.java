package io.statefront.order;

import io.statefront.ledger.UserCommand;
import io.statefront.stock.ItemCommand;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/**
 * What the {@link OrderFunction} writes beside its answers: the side outputs {@link OrderJob} sinks
 * to other functions' topics, the archive and analytics.
 */
public final class OrderOutputs {

	/** Steps for user functions, to the users topic. */
	public static final OutputTag<UserCommand> USER_STEPS = new OutputTag<>("order-user-steps",
			TypeInformation.of(UserCommand.class));

	/** Steps for item functions, to the stock topic. */
	public static final OutputTag<ItemCommand> ITEM_STEPS = new OutputTag<>("order-item-steps",
			TypeInformation.of(ItemCommand.class));

	/** Each order once paid, for the archive. */
	public static final OutputTag<ArchivedOrder> ARCHIVE = new OutputTag<>("order-archive",
			TypeInformation.of(ArchivedOrder.class));

	/** Each checkout refused, for analytics' lost revenue. */
	public static final OutputTag<RefusedCheckout> REFUSALS = new OutputTag<>("checkout-refusals",
			TypeInformation.of(RefusedCheckout.class));

	private OrderOutputs() {
	}

}
