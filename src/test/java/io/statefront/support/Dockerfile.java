package io.statefront.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

/**
 * What the project's Dockerfile says its image runs, read from the file itself so that a test
 * that runs the same steps as plain commands cannot drift from it: the layers it copies out of
 * the extracted jar, its class data sharing training run, its environment, its entrypoint.
 */
public record Dockerfile(List<String> layers, List<String> extractCommand, List<String> trainingCommand,
		Map<String, String> environment, List<String> entrypoint) {

	private static final Pattern LAYER = Pattern.compile("^COPY --from=build /build/extracted/([\\w-]+)/ \\./$");

	private static final Pattern EXTRACT = Pattern.compile("(java -Djarmode=tools -jar \\S+ extract [^\\\\\\n]*)");

	/** The training run's command: from {@code java} to before the {@code &&} that follows it. */
	private static final Pattern TRAINING = Pattern.compile("RUN (java [^&]*-XX:ArchiveClassesAtExit=[^&]*?)\\s*&&");

	private static final Pattern ENV = Pattern.compile("^ENV (\\w+)=(\\S+)$");

	public static Dockerfile read(Path file) throws IOException {
		String text = Files.readString(file);
		List<String> layers = new ArrayList<>();
		Map<String, String> environment = new LinkedHashMap<>();
		List<String> entrypoint = List.of();
		for (String line : text.lines().toList()) {
			Matcher layer = LAYER.matcher(line);
			Matcher env = ENV.matcher(line);
			if (layer.matches()) {
				layers.add(layer.group(1));
			}
			else if (env.matches()) {
				environment.put(env.group(1), env.group(2));
			}
			else if (line.startsWith("ENTRYPOINT ")) {
				entrypoint = List.of(JsonMapper.builder().build().readValue(line.substring("ENTRYPOINT ".length()), String[].class));
			}
		}
		Matcher extract = EXTRACT.matcher(text);
		Matcher training = TRAINING.matcher(text);
		if (layers.isEmpty() || entrypoint.isEmpty() || !extract.find() || !training.find()) {
			throw new IllegalStateException("No layers, extract step, training run or entrypoint found in " + file);
		}
		return new Dockerfile(layers, List.of(extract.group(1).trim().split(" ")), words(training.group(1)),
				environment, entrypoint);
	}

	/** A shell command's words, its line continuations taken out. */
	private static List<String> words(String command) {
		return List.of(command.replace("\\\n", " ").trim().split("\\s+"));
	}

}
