package io.statefront.ledger;

import io.statefront.platform.flink.Horizons;
import io.statefront.support.FunctionHarness;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CreateUserFunctionTest {

	private FunctionHarness<CreateUserRequest, UserCommand> allocator;

	@BeforeEach
	void openHarness() throws Exception {
		allocator = FunctionHarness.open(() -> new CreateUserFunction(Horizons.defaults()),
				request -> CreateUserFunction.KEY);
	}

	@AfterEach
	void closeHarness() throws Exception {
		allocator.close();
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
		allocator.process(new CreateUserRequest(null, null, 100), 0);

		assertThat(allocator.outputValues()).hasSize(1);
		assertThat(create("r2", null).userId()).isEqualTo("100");
		allocator.process(new CreateUserRequest(null, null, 50), 0);
		assertThat(create("r3", null).userId()).isEqualTo("101");
	}

	@Test
	void continuesCountingAfterARestore() throws Exception {
		create("r1", null);
		create("r2", "k");
		OperatorSubtaskState checkpoint = allocator.snapshot(1);

		allocator.restore(checkpoint);

		assertThat(create("r3", null).userId()).isEqualTo("2");
		assertThat(create("r4", "k").userId()).isEqualTo("1");
	}

	private UserCommand create(String requestId, String idempotencyKey) throws Exception {
		allocator.process(new CreateUserRequest(requestId, idempotencyKey), 0);
		return allocator.latestOutput();
	}

}
