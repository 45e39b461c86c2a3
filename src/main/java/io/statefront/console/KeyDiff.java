package io.statefront.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One key's state at a restore point beside what the API answers for it now, field by field: each
 * field of the key's object-valued states, with the live field of the same name where there is one.
 */
final class KeyDiff {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private KeyDiff() {
	}

	/** One field: its value at the restore point and now, as JSON; now is null where the API has no such field. */
	record Row(String state, String field, String then, @Nullable String now) {

		public boolean changed() {
			return now != null && !then.equals(now);
		}

	}

	static List<Row> rows(Map<String, String> keyState, Map<String, Object> live) {
		List<Row> rows = new ArrayList<>();
		keyState.forEach((state, value) -> {
			JsonNode node = JSON.readTree(value);
			if (node.isObject()) {
				node.properties().forEach(field -> rows.add(new Row(state, field.getKey(), field.getValue().toString(),
						live.containsKey(field.getKey()) ? JSON.writeValueAsString(live.get(field.getKey())) : null)));
			}
		});
		return rows;
	}

	/** The live fields no state of the key has, shown as they are. */
	static Map<String, Object> liveOnly(List<Row> rows, Map<String, Object> live) {
		Map<String, Object> only = new java.util.LinkedHashMap<>(live);
		rows.forEach(row -> only.remove(row.field()));
		only.values().removeIf(Objects::isNull);
		return only;
	}

}
