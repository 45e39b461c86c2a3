package io.statefront.analytics;

import java.io.Serializable;
import java.util.function.Supplier;

import java.util.List;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.util.Collector;

/**
 * A window's aggregate function for accumulators that know how to count an element in and merge
 * with another: each window's subclass names its types, so Flink can tell them from the class.
 *
 * @param <T> what is counted
 * @param <A> the accumulator, also the result handed to the window function
 */
abstract class Tally<T, A extends Tally.Counts<T, A>> implements AggregateFunction<T, A, A> {

	/** What a window counts: adds one element, merges with another window's counts. */
	interface Counts<T, A> {

		void add(T element);

		A merge(A other);

	}

	interface Fresh<A> extends Supplier<A>, Serializable {
	}

	private final Fresh<A> fresh;

	Tally(Fresh<A> fresh) {
		this.fresh = fresh;
	}

	@Override
	public A createAccumulator() {
		return fresh.get();
	}

	@Override
	public A add(T element, A counts) {
		counts.add(element);
		return counts;
	}

	@Override
	public A getResult(A counts) {
		return counts;
	}

	@Override
	public A merge(A one, A other) {
		return one.merge(other);
	}

	/** A closed window's results, marked real-only when the window counted real traffic alone. */
	static void emit(List<MetricResult> results, Traffic traffic, Collector<MetricResult> out) {
		for (MetricResult result : results) {
			out.collect(traffic.realOnly() ? result.ofRealTraffic() : result);
		}
	}

}
