package io.statefront.ledger;

import io.statefront.platform.flink.Horizons;
import java.util.List;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CreateUserFunctionTest {

	private KeyedOneInputStreamOperatorTestHarness<String, CreateUserRequest, UserCommand> harness;

	@BeforeEach
	void openHarness() throws Exception {
		harness = newHarness();
		harness.open();
	}

	@AfterEach
	void closeHarness() throws Exception {
		harness.close();
	}

	@Test
	void handsOutTheNextFreeIntegerFromZeroAndOpensTheUser() throws Exception {
		assertThat(create("r1", null)).isEqualTo(new UserCommand("r1", null, UserOperation.CREATE, "0", 0));
		assertThat(create("r2", null).userId()).isEqualTo("1");
		assertThat(create("r3", null).userId()).isEqualTo("2");
	}

	@Test
	void aRepeatedIdempotencyKeyGetsTheSameIdAndUsesNone() throws Exception {
		assertThat(create("r1", "k").userId()).isEqualTo("0");
		assertThat(create("r2", "k")).isEqualTo(new UserCommand("r2", null, UserOperation.CREATE, "0", 0));
		assertThat(create("r3", null).userId()).isEqualTo("1");
	}

	@Test
	void neverHandsOutAnIdABatchInitialisationReserved() throws Exception {
		create("r1", null);
		harness.processElement(new CreateUserRequest(null, null, 100), 0);

		assertThat(harness.extractOutputValues()).hasSize(1);
		assertThat(create("r2", null).userId()).isEqualTo("100");
		harness.processElement(new CreateUserRequest(null, null, 50), 0);
		assertThat(create("r3", null).userId()).isEqualTo("101");
	}

	@Test
	void continuesCountingAfterARestore() throws Exception {
		create("r1", null);
		create("r2", "k");
		OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
		harness.close();

		harness = newHarness();
		harness.initializeState(checkpoint);
		harness.open();

		assertThat(create("r3", null).userId()).isEqualTo("2");
		assertThat(create("r4", "k").userId()).isEqualTo("1");
	}

	private static KeyedOneInputStreamOperatorTestHarness<String, CreateUserRequest, UserCommand> newHarness()
			throws Exception {
		return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new CreateUserFunction(Horizons.defaults())),
				request -> CreateUserFunction.KEY, Types.STRING);
	}

	private UserCommand create(String requestId, String idempotencyKey) throws Exception {
		harness.processElement(new CreateUserRequest(requestId, idempotencyKey), 0);
		List<UserCommand> commands = harness.extractOutputValues();
		return commands.get(commands.size() - 1);
	}

}
