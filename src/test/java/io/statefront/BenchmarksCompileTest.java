package io.statefront;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmarks under {@code bench/} are single-file programs that no build step compiles: this
 * keeps each of them compiling against the code it measures, as {@code java bench/X.java} will.
 */
class BenchmarksCompileTest {

	@Test
	void everyBenchmarkCompilesAgainstTheApplicationAndItsTests(@TempDir Path out) throws IOException {
		List<Path> benchmarks;
		try (Stream<Path> files = Files.list(Path.of("bench"))) {
			benchmarks = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
		}
		assertThat(benchmarks).isNotEmpty();

		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		for (Path benchmark : benchmarks) {
			DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
			try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null,
					StandardCharsets.UTF_8)) {
				// each a program of its own, as the launcher compiles it: alone, into a folder of its own
				Path classes = out.resolve(benchmark.getFileName().toString());
				List<String> options = List.of("-proc:none", "-d", classes.toString(), "-classpath",
						System.getProperty("java.class.path"));
				boolean compiled = compiler
					.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(benchmark))
					.call();
				assertThat(compiled).as("%s: %s", benchmark, diagnostics.getDiagnostics()).isTrue();
			}
		}
	}

}
