package io.statefront.console;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.statefront.platform.explorer.CheckpointLayout;
import io.statefront.platform.explorer.ExplorerRead;
import io.statefront.platform.explorer.OperatorLayout;
import io.statefront.platform.explorer.StateFigures;
import io.statefront.platform.explorer.StateLayout;
import org.jspecify.annotations.Nullable;

/** An explorer read as the page shows it: operators with their states' figures, formatted. */
record ExplorerView(ExplorerRead read, String status, String progress, List<Operator> operators, List<String> keyedUids) {

	record Operator(String uid, @Nullable String name, String size, int parallelism, @Nullable String keys,
			List<State> states, List<String> operatorStates, List<String> someKeys) {
	}

	record State(String name, String kind, @Nullable String keys, @Nullable String entries, @Nullable String bytes) {
	}

	static ExplorerView of(ExplorerRead read) {
		CheckpointLayout layout = read.layout().orElse(null);
		Map<String, StateFigures> figures = read.figures();
		List<Operator> operators = (layout == null) ? List.of()
				: layout.operators().stream().map(operator -> operator(operator, figures.get(operator.uid()))).toList();
		List<String> keyedUids = (layout == null) ? List.of()
				: layout.keyedOperators().stream().map(OperatorLayout::uid).toList();
		return new ExplorerView(read, read.status().name().toLowerCase(Locale.ROOT), progress(read, layout, figures),
				operators, keyedUids);
	}

	private static String progress(ExplorerRead read, @Nullable CheckpointLayout layout, Map<String, StateFigures> figures) {
		String elapsed = Formats.millis(read.endedAt().orElse(java.time.Instant.now()).toEpochMilli()
				- read.startedAt().toEpochMilli());
		if (read.kind() == ExplorerRead.Kind.LOOKUP) {
			return "Look-up of key " + read.key() + " in " + read.uid() + " — " + elapsed;
		}
		int keyed = (layout == null) ? 0 : layout.keyedOperators().size();
		String reading = read.reading()
			.map(uid -> "; reading " + uid + ": " + Formats.number(read.keysRead()) + " keys so far")
			.orElse("");
		return figures.size() + " of " + keyed + " keyed operators counted" + reading + " — " + elapsed;
	}

	private static Operator operator(OperatorLayout operator, @Nullable StateFigures figures) {
		List<State> states = operator.keyedStates().stream().map(state -> state(state, figures)).toList();
		if (states.isEmpty()) {
			// one row all the same, for an operator without keyed state (a source, a sink)
			states = List.of(new State("", "", null, null, null));
		}
		return new Operator(operator.uid(), operator.name(), Formats.bytes(operator.stateSize()), operator.parallelism(),
				(figures != null) ? Formats.number(figures.keys()) : null, states, operator.operatorStates(),
				(figures != null) ? figures.someKeys() : List.of());
	}

	private static State state(StateLayout state, @Nullable StateFigures figures) {
		String kind = state.kind().name().toLowerCase(Locale.ROOT);
		if (figures == null) {
			return new State(state.name(), kind, null, null, null);
		}
		return figures.states()
			.stream()
			.filter(counted -> counted.name().equals(state.name()))
			.findFirst()
			.map(counted -> new State(state.name(), kind, Formats.number(counted.keys()), Formats.number(counted.entries()),
					Formats.bytes(counted.bytes())))
			.orElse(new State(state.name(), kind, null, null, null));
	}

}
