import java.util.ArrayList;
import java.util.List;

import io.statefront.recommendation.RecommendationEvaluation;
import io.statefront.recommendation.RecommendationEvaluation.Result;

/**
 * Hit rate at 5 of the recommendations beside the popularity baseline, on the simulator's
 * visitors, at a larger scale and over more seeds than the test ({@code RecommendationQualityTest}).
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath
 * java -cp "target/classes:target/test-classes:$(cat target/test.classpath)" bench/RecommendationBenchmark.java [website-events] [seeds]
 * </pre>
 */
public class RecommendationBenchmark {

	public static void main(String[] args) throws Exception {
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
		List<String> rows = new ArrayList<>();
		for (long seed = 1; seed <= seeds; seed++) {
			long started = System.nanoTime();
			Result result = RecommendationEvaluation.run(events, seed);
			rows.add(String.format("| %d | %,d | %,d | %.1f %% | %.1f %% | %.1f× | %.0f s |", seed, result.views(),
					result.judged(), 100 * result.hitRate(), 100 * result.popularityHitRate(),
					result.hitRate() / result.popularityHitRate(), (System.nanoTime() - started) / 1e9));
		}
		System.out.println("| seed | product views | judged | hit rate @ 5 | popularity @ 5 | ratio | time |");
		System.out.println("|---|---|---|---|---|---|---|");
		rows.forEach(System.out::println);
	}

}
