package io.statefront;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature modules and the one way their dependencies run (storefront → order → stock, ledger;
 * every feature → platform), checked by Spring Modulith, and the module diagrams in docs/modules
 * generated from the code. After a change of modules, regenerate them with
 * {@code ./mvnw test -Dtest=ModulesTest -Dstatefront.modules.write-docs=true}.
 */
class ModulesTest {

	private static final ApplicationModules MODULES = ApplicationModules.of(Application.class);

	private static final Path DOCS = Path.of("docs", "modules");

	@Test
	void featuresDependOnEachOtherOneWayAndOnlyThroughTheirPublicTypes() {
		MODULES.verify();
	}

	@Test
	void theModuleDiagramsInTheDocsAreTheCodes() throws IOException {
		Path generated = Files.createTempDirectory("modules");
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
		if (Boolean.getBoolean("statefront.modules.write-docs")) {
			Files.createDirectories(DOCS);
			try (Stream<Path> files = Files.list(generated)) {
				for (Path file : files.toList()) {
					Files.copy(file, DOCS.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		try (Stream<Path> files = Files.list(generated)) {
			for (Path file : files.toList()) {
				Path documented = DOCS.resolve(file.getFileName());
				assertThat(documented).as("docs/modules/%s", file.getFileName()).exists();
				// the Documenter lists a diagram's relations in no fixed order: compare what they say
				assertThat(sortedLines(documented)).as("docs/modules/%s: regenerate (see this class)",
						file.getFileName()).isEqualTo(sortedLines(file));
			}
		}
	}

	private static List<String> sortedLines(Path file) throws IOException {
		return Files.readAllLines(file).stream().sorted().toList();
	}

}
