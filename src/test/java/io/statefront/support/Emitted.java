package io.statefront.support;

import java.util.List;
import java.util.Queue;
import java.util.function.Supplier;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/**
 * One output of a function under an operator test harness, read step by step: each
 * {@link #fresh()} returns what the function emitted since the last call.
 */
public final class Emitted<T> {

	private final Supplier<List<T>> all;

	private int seen;

	private Emitted(Supplier<List<T>> all) {
		this.all = all;
	}

	/** The main output of the harness {@code harness} supplies (it may be replaced, as on a restore). */
	public static <T> Emitted<T> output(Supplier<? extends AbstractStreamOperatorTestHarness<T>> harness) {
		return new Emitted<>(() -> harness.get().extractOutputValues());
	}

	/** A side output of the harness {@code harness} supplies. */
	public static <T> Emitted<T> sideOutput(Supplier<? extends AbstractStreamOperatorTestHarness<?>> harness,
			OutputTag<T> tag) {
		return new Emitted<>(() -> values(harness.get().getSideOutput(tag)));
	}

	public List<T> fresh() {
		List<T> values = all.get();
		List<T> fresh = List.copyOf(values.subList(seen, values.size()));
		seen = values.size();
		return fresh;
	}

	/** Starts over, for a new harness restored from a snapshot. */
	public void restart() {
		seen = 0;
	}

	private static <T> List<T> values(Queue<StreamRecord<T>> records) {
		return (records == null) ? List.of() : records.stream().map(StreamRecord::getValue).toList();
	}

}
