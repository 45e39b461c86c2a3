package io.statefront.platform.flink;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.statefront.console.ConsoleAdmin;
import io.statefront.support.Api;
import io.statefront.support.AppProcess;
import io.statefront.support.IntegrationTest;
import io.statefront.support.S3MockProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application with its checkpoints and savepoints on an S3-compatible object store
 * (S3Mock in a JVM of its own), reached through Flink's S3 file system loaded as a plugin from a
 * plugins folder, as the image does. A checkpoint and a savepoint taken in the console land in the
 * bucket and are offered as restore points; a restart from the checkpoint replays what came after it
 * once; after a {@code kill -9} the next start resumes from the newest complete checkpoint in the
 * bucket and deletes the folders of runs it no longer needs; a clean stop leaves a savepoint of each
 * job there.
 */
class ObjectStoreCheckpointsIT {

	private static final String PASSWORD = "object-store-test";

	private static final String PREFIX = "shop";

	private static final Pattern TAKEN = Pattern.compile("(?:Checkpoint completed|Savepoint taken): (s3://\\S+?)</p>");

	private static final Pattern RESUMED = Pattern
		.compile("Submitted Flink job 'functions' \\(\\w+\\) with parallelism \\d+ to \\S+, resuming from (\\S+)");

	@TempDir
	Path dataDir;

	@TempDir
	Path storeDir;

	@Test
	void checkpointsAndSavepointsOnAnObjectStoreAreListedRestoredAndCleanedUp() throws Exception {
		long began = System.nanoTime();
		Path logs = Files.createDirectories(Path.of("target", "object-store-it"));
		for (String log : List.of("app.log", "s3mock.log")) {
			Files.deleteIfExists(logs.resolve(log));
		}
		try (S3MockProcess store = new S3MockProcess(storeDir, logs.resolve("s3mock.log"));
				AppProcess app = new AppProcess(AppProcess.packagedJar(), dataDir, logs.resolve("app.log"))) {
			store.start(Duration.ofMinutes(1));
			List<String> arguments = new ArrayList<>(store.applicationArguments(PREFIX));
			arguments.addAll(List.of("--statefront.security.api-password=" + PASSWORD,
					"--statefront.console.admin-password=" + IntegrationTest.ADMIN_PASSWORD,
					"--statefront.simulator.enabled=false", "--statefront.shop.seed-catalogue=false",
					"--statefront.influx.managed.enabled=false"));
			app.start(arguments.toArray(String[]::new));
			app.awaitHealthy(Duration.ofMinutes(5));
			Api api = app.api("api", PASSWORD);
			String user = api.post("/users/create").text("user_id");
			assertThat(api.post("/users/credit/add/" + user + "/40").status()).isEqualTo(200);

			ConsoleAdmin admin = ConsoleAdmin.signedIn(app.httpPort());
			admin.get("/console/checkpoints?job=functions");
			String checkpoint = taken(admin.post("/console/checkpoints/functions/checkpoint", Map.of()));
			assertThat(checkpoint).startsWith("s3://statefront/shop/checkpoints/functions/").contains("/chk-");
			// after the checkpoint: the restored state lacks it, the log has it, and it must count once
			assertThat(api.post("/users/credit/add/" + user + "/2").number("credit")).isEqualTo(42);
			String savepoint = taken(admin.post("/console/checkpoints/functions/savepoint", Map.of()));
			assertThat(savepoint).startsWith("s3://statefront/shop/savepoints/functions/savepoint-");
			assertThat(store.keys(PREFIX + "/")).contains(key(checkpoint) + "/_metadata", key(savepoint) + "/_metadata");
			assertThat(admin.get("/console/checkpoints?job=functions").body()).contains("value=\"" + checkpoint + "\"",
					"value=\"" + savepoint + "\"");

			HttpResponse<String> restarted = admin.post("/console/checkpoints/functions/restart",
					Map.of("from", checkpoint, "confirm", "true"));
			assertThat(restarted.body()).contains("Restarted functions from " + checkpoint
					+ "; a checkpoint of the restored state was taken.");
			assertThat(api.get("/users/credit/" + user).number("credit")).isEqualTo(42);
			assertThat(api.post("/users/credit/add/" + user + "/3").number("credit")).isEqualTo(45);

			app.kill();
			app.start(arguments.toArray(String[]::new));
			app.awaitHealthy(Duration.ofMinutes(5));
			Matcher resumed = RESUMED.matcher(app.log());
			String lastResumed = null;
			while (resumed.find()) {
				lastResumed = resumed.group(1);
			}
			String resumedFrom = lastResumed;
			String firstRun = run(checkpoint);
			assertThat(resumedFrom).as("the restart's checkpoint or a newer one of that run")
				.startsWith("s3://statefront/shop/checkpoints/functions/")
				.contains("/chk-")
				.doesNotContain(firstRun);
			assertThat(store.keys(PREFIX + "/checkpoints/functions/")).as("the first run's folder, deleted at the start")
				.noneMatch(key -> key.contains(firstRun))
				.anyMatch(key -> key.startsWith(key(resumedFrom) + "/"));
			assertThat(api.get("/users/credit/" + user).number("credit")).isEqualTo(45);
			assertThat(api.post("/users/credit/add/" + user + "/5").number("credit")).isEqualTo(50);

			assertThat(app.terminate(Duration.ofMinutes(2))).isTrue();
			for (String job : List.of("functions", "recommendations", "analytics")) {
				assertThat(store.keys(PREFIX + "/savepoints/" + job + "/on-stop/"))
					.as("the savepoint of %s taken as the application stopped", job)
					.anyMatch(key -> key.endsWith("/_metadata"));
			}
			System.out.printf("Object store checkpoints test: %.1f s in all%n", (System.nanoTime() - began) / 1e9);
		}
	}

	private static String taken(HttpResponse<String> answer) {
		Matcher path = TAKEN.matcher(answer.body());
		assertThat(path.find()).as(answer.body()).isTrue();
		return RestorePoint.folderOf(path.group(1));
	}

	/** The object key of a location in the bucket. */
	private static String key(String location) {
		return location.substring(("s3://" + S3MockProcess.BUCKET + "/").length());
	}

	/** The run (Flink job id) folder of a checkpoint's location. */
	private static String run(String checkpoint) {
		String[] parts = checkpoint.split("/");
		return parts[parts.length - 2];
	}

}
