package io.statefront.platform.explorer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.statefront.ledger.UserCommand;
import io.statefront.ledger.UserFunction;
import io.statefront.ledger.UserOperation;
import io.statefront.platform.flink.Horizons;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explorer reads back what the application's user function put into a checkpoint and a
 * savepoint under Flink 2.2.1's operator test harness (the State Processor API is 2.2.0), with the
 * RocksDB backend (incremental checkpoints) and the hashmap backend.
 */
class StateReadsTest {

	private static final String UID = "user-function";

	@TempDir
	Path checkpoints;

	@Test
	void readsAnIncrementalRocksDbCheckpoint() throws Exception {
		try (var harness = usersWithCredit(new EmbeddedRocksDBStateBackend(true))) {
			Path checkpoint = HarnessCheckpoints.checkpoint(harness, UID, 1, storage());
			assertReadsTheUsers(checkpoint, CheckpointLayout.Format.INCREMENTAL);
			// each read starts a small Flink environment, so a key that is not there is asked once
			String location = checkpoint.toUri().toString();
			CheckpointLayout layout = CheckpointLayouts.read(location);
			assertThat(StateReads.lookUp(location, layout, layout.operator(UID).orElseThrow(), "no-such-user")).isEmpty();
		}
	}

	@Test
	void readsAHashMapCheckpoint() throws Exception {
		try (var harness = usersWithCredit(new HashMapStateBackend())) {
			Path checkpoint = HarnessCheckpoints.checkpoint(harness, UID, 1, storage());
			assertReadsTheUsers(checkpoint, CheckpointLayout.Format.FULL);
		}
	}

	@Test
	void readsSavepointsOfEitherBackend() throws Exception {
		try (var harness = usersWithCredit(new EmbeddedRocksDBStateBackend(true))) {
			assertReadsTheUsers(HarnessCheckpoints.savepoint(harness, UID, 2, storage()),
					CheckpointLayout.Format.CANONICAL);
		}
		try (var harness = usersWithCredit(new HashMapStateBackend())) {
			assertReadsTheUsers(HarnessCheckpoints.savepoint(harness, UID, 3, storage()),
					CheckpointLayout.Format.CANONICAL);
		}
	}

	private Path storage() {
		return checkpoints.resolve("storage");
	}

	private void assertReadsTheUsers(Path folder, CheckpointLayout.Format format) throws Exception {
		String checkpoint = folder.toUri().toString();
		CheckpointLayout layout = CheckpointLayouts.read(checkpoint);
		assertThat(layout.format()).isEqualTo(format);
		OperatorLayout users = layout.operator(UID).orElseThrow();
		assertThat(users.keyedStates()).extracting(StateLayout::name).contains("account", "user-applied");

		List<Long> progress = new ArrayList<>();
		StateFigures figures = StateReads.figures(checkpoint, layout, List.of(users), progress::add).get(UID);
		assertThat(figures.keys()).isEqualTo(USERS);
		assertThat(figures.states()).filteredOn(state -> state.name().equals("account"))
			.singleElement()
			.satisfies(account -> {
				assertThat(account.keys()).isEqualTo(USERS);
				assertThat(account.entries()).isEqualTo(USERS);
				assertThat(account.bytes()).isPositive();
			});
		// one applied idempotency key per user: the credit added to each with its own key
		assertThat(figures.states()).filteredOn(state -> state.name().equals("user-applied"))
			.singleElement()
			.satisfies(applied -> assertThat(applied.entries()).isEqualTo(USERS));
		assertThat(figures.someKeys()).hasSize(USERS).contains("3");
		assertThat(progress).last().isEqualTo((long) USERS);

		Map<String, String> user3 = StateReads.lookUp(checkpoint, layout, users, "3");
		assertThat(user3.get("account")).contains("\"credit\":30");
	}

	private static final int USERS = 5;

	/** Users 1 to 5, each given 10 times its id in credit with an idempotency key of its own. */
	private KeyedOneInputStreamOperatorTestHarness<String, UserCommand, ?> usersWithCredit(StateBackend backend)
			throws Exception {
		var harness = new KeyedOneInputStreamOperatorTestHarness<>(
				new KeyedProcessOperator<>(new UserFunction(Horizons.defaults())), UserCommand::userId, Types.STRING,
				HarnessCheckpoints.MAX_PARALLELISM, 1, 0);
		harness.setStateBackend(backend);
		harness.setCheckpointStorage(new FileSystemCheckpointStorage(storage().toUri(), 0));
		harness.open();
		for (int user = 1; user <= USERS; user++) {
			String id = Integer.toString(user);
			harness.processElement(new UserCommand("create-" + id, null, UserOperation.CREATE, id, 0, null), 0);
			harness.processElement(new UserCommand("add-" + id, "add-" + id, UserOperation.ADD_CREDIT, id, 10L * user,
					null), 0);
		}
		return harness;
	}

}
