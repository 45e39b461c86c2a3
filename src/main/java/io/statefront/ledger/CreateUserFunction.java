package io.statefront.ledger;

import io.statefront.platform.flink.IdempotencyStore;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Hands out user ids: the next free integer, from 0, as a decimal string. All create requests
 * share one key, so one instance sees them in one order and never hands out an id twice. The new
 * user is opened by a CREATE command through the {@code users} topic, whose user function then
 * answers the waiting request.
 */
public class CreateUserFunction extends KeyedProcessFunction<String, CreateUserRequest, UserCommand> {

	/** Every create request is sent under this key. */
	public static final String KEY = "create";

	static final int IDEMPOTENCY_KEYS = 100_000;

	private transient ValueState<Long> nextId;

	private transient IdempotencyStore<String> idempotency;

	@Override
	public void open(OpenContext openContext) {
		nextId = getRuntimeContext().getState(new ValueStateDescriptor<>("next-user-id", Types.LONG));
		idempotency = new IdempotencyStore<>(getRuntimeContext(), "create-user", String.class, IDEMPOTENCY_KEYS);
	}

	@Override
	public void processElement(CreateUserRequest request, Context context, Collector<UserCommand> out)
			throws Exception {
		String key = request.idempotencyKey();
		String userId = null;
		if (key != null) {
			userId = idempotency.repeatOf(key, "create").map(IdempotencyStore.Repeat::firstAnswer).orElse(null);
		}
		if (userId == null) {
			long id = (nextId.value() == null) ? 0 : nextId.value();
			nextId.update(id + 1);
			userId = Long.toString(id);
			if (key != null) {
				idempotency.remember(key, "create", userId);
			}
		}
		out.collect(new UserCommand(request.requestId(), null, UserOperation.CREATE, userId, 0));
	}

}
