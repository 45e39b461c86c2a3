package io.statefront.order;

import java.util.ArrayList;
import java.util.List;

/**
 * The state an order function holds for its order.
 *
 * @param userId who pays for the order
 * @param items the lines in the order they were added; an item added twice has two lines
 * @param totalCost the sum of quantity × price over the lines, at the prices when they were added
 * @param paid whether a checkout took the stock and the payment
 * @param sequence how many operations have sent saga steps; numbers their attempts
 */
public record Order(String userId, List<OrderLine> items, long totalCost, boolean paid, long sequence) {

	static Order opened(String userId) {
		return new Order(userId, List.of(), 0, false, 0);
	}

	Order withLine(OrderLine line, long cost) {
		List<OrderLine> lines = new ArrayList<>(items);
		lines.add(line);
		return new Order(userId, List.copyOf(lines), Math.addExact(totalCost, cost), paid, sequence);
	}

	Order nextSequence() {
		return new Order(userId, items, totalCost, paid, sequence + 1);
	}

	Order asPaid() {
		return new Order(userId, items, totalCost, true, sequence);
	}

}
