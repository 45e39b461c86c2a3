package io.statefront.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/operations.md lists every {@code statefront.*} property with its default, as the
 * configuration processor describes them from the properties records.
 */
class ConfigurationReferenceTest {

	@Test
	void theOperationsGuideListsEveryPropertyWithItsDefault() throws IOException {
		List<String> rows = Files.readString(Path.of("docs/operations.md")).lines().filter(line -> line.startsWith("| `")).toList();
		List<String> missing = new ArrayList<>();
		for (JsonNode property : metadata().path("properties")) {
			String name = property.path("name").asString();
			if (property.has("deprecation")) {
				// an old name is documented in its replacement's row
				if (rows.stream().noneMatch(line -> line.contains("`" + name + "`"))) {
					missing.add(name + " (deprecated: name it beside its replacement)");
				}
				continue;
			}
			Optional<String> row = rows.stream().filter(line -> line.startsWith("| `" + name + "` |")).findFirst();
			JsonNode defaultValue = property.path("defaultValue");
			if (row.isEmpty()) {
				missing.add(name);
			}
			else if (!defaultValue.isMissingNode() && !row.get().contains("| `" + defaultValue.asString() + "` |")) {
				missing.add(name + " (default `" + defaultValue.asString() + "`)");
			}
		}
		assertThat(missing).as("properties not documented as they are").isEmpty();
	}

	private static JsonNode metadata() throws IOException {
		try (InputStream in = ConfigurationReferenceTest.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("the configuration processor's metadata").isNotNull();
			return JsonMapper.builder().build().readTree(in);
		}
	}

}
