package io.statefront.platform.kafka;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON form of every message on Kafka, used alike by the web layer and by Flink
 * functions (which cannot share Spring's mapper bean).
 */
public final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		// a message names only the fields it uses (a saga reply is {"reply": ...}): absent numbers are 0
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private Json() {
	}

	public static byte[] write(Object value) {
		return MAPPER.writeValueAsBytes(value);
	}

	public static <T> T read(byte[] json, Class<T> type) {
		return MAPPER.readValue(json, type);
	}

}
