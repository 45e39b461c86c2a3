package io.statefront.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/**
 * One keyed function of the application under Flink's operator test harness, as the function
 * tests drive it: elements in with their Kafka timestamps, outputs read step by step, and a
 * restore from a snapshot into a fresh instance of the function, as after a crash.
 *
 * @param <I> what the function reads
 * @param <O> what it answers on its main output
 */
public final class FunctionHarness<I, O> implements AutoCloseable {

	private final Supplier<? extends KeyedProcessFunction<String, I, O>> function;

	private final KeySelector<I, String> key;

	private final List<Emitted<?>> outputs = new ArrayList<>();

	private KeyedOneInputStreamOperatorTestHarness<String, I, O> harness;

	private FunctionHarness(Supplier<? extends KeyedProcessFunction<String, I, O>> function,
			KeySelector<I, String> key) {
		this.function = function;
		this.key = key;
	}

	/** A new instance of {@code function}, keyed by {@code key}, opened without state. */
	public static <I, O> FunctionHarness<I, O> open(Supplier<? extends KeyedProcessFunction<String, I, O>> function,
			KeySelector<I, String> key) throws Exception {
		FunctionHarness<I, O> opened = new FunctionHarness<>(function, key);
		opened.harness = opened.newHarness();
		opened.harness.open();
		return opened;
	}

	/** Processes {@code element} as a record the broker appended at {@code timestamp}. */
	public void process(I element, long timestamp) throws Exception {
		harness.processElement(element, timestamp);
	}

	/** Moves event time on, firing the timers due by {@code watermark}. */
	public void advanceTo(long watermark) throws Exception {
		harness.processWatermark(watermark);
	}

	/** The main output, read step by step. */
	public Emitted<O> output() {
		return register(Emitted.output(() -> harness));
	}

	/** A side output, read step by step. */
	public <T> Emitted<T> sideOutput(OutputTag<T> tag) {
		return register(Emitted.sideOutput(() -> harness, tag));
	}

	/**
	 * Everything this instance has answered on its main output, oldest first: for a test that
	 * counts or looks back over all of it ({@link #output()} reads it step by step instead). A
	 * restored instance starts with nothing.
	 */
	public List<O> outputValues() {
		return harness.extractOutputValues();
	}

	/** The latest answer on the main output, as a request/reply test reads the reply to what it just sent. */
	public O latestOutput() {
		List<O> values = outputValues();
		if (values.isEmpty()) {
			throw new AssertionError("The function has answered nothing on its main output");
		}
		return values.get(values.size() - 1);
	}

	/**
	 * How many entries the function keeps in keyed state, over all keys: what a test of its horizons
	 * watches fall once the timers have forgotten what they should.
	 */
	public int keyedStateEntries() {
		return harness.numKeyedStateEntries();
	}

	/** Its state now, as checkpoint {@code checkpointId} would take it; {@link #restore} opens a new instance on it. */
	public OperatorSubtaskState snapshot(long checkpointId) throws Exception {
		return harness.snapshot(checkpointId, checkpointId);
	}

	/**
	 * Throws this instance away and opens a new one of the function on {@code snapshot}'s state,
	 * as a restore after a crash does; outputs are read from the new instance's start.
	 */
	public void restore(OperatorSubtaskState snapshot) throws Exception {
		harness.close();
		harness = newHarness();
		harness.initializeState(snapshot);
		harness.open();
		outputs.forEach(Emitted::restart);
	}

	/** The harness itself, for what this class does not cover. */
	public KeyedOneInputStreamOperatorTestHarness<String, I, O> harness() {
		return harness;
	}

	@Override
	public void close() throws Exception {
		harness.close();
	}

	private <T> Emitted<T> register(Emitted<T> emitted) {
		outputs.add(emitted);
		return emitted;
	}

	private KeyedOneInputStreamOperatorTestHarness<String, I, O> newHarness() throws Exception {
		return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function.get()), key,
				Types.STRING);
	}

}
