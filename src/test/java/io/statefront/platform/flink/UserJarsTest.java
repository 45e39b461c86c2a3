package io.statefront.platform.flink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

import org.apache.flink.connector.kafka.source.KafkaSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The jars shipped with the jobs to a remote cluster, from each kind of class path the application runs on. */
class UserJarsTest {

	@TempDir
	Path dir;

	@Test
	void shipsTheApplicationTheConnectorsKafkasClientCepAndJacksonButNeitherSpringNorFlinksRuntime() throws IOException {
		List<String> names = UserJars.collect(dir.resolve("jars")).stream().map(jar -> jar.getFileName().toString()).toList();

		assertThat(names).contains("statefront-classes.jar")
			.anyMatch(name -> name.startsWith("flink-connector-kafka-"))
			.anyMatch(name -> name.startsWith("flink-connector-base-"))
			.anyMatch(name -> name.startsWith("kafka-clients-"))
			.anyMatch(name -> name.startsWith("flink-cep-"))
			.anyMatch(name -> name.startsWith("jackson-databind-3."))
			.anyMatch(name -> name.startsWith("jackson-core-3."))
			.anyMatch(name -> name.startsWith("jackson-annotations-"))
			.noneMatch(name -> name.contains("spring") || name.startsWith("flink-runtime") || name.startsWith("flink-core")
					|| name.startsWith("kafka_"));
		try (JarFile classes = new JarFile(dir.resolve("jars").resolve("statefront-classes.jar").toFile())) {
			assertThat(classes.getEntry("io/statefront/platform/flink/FlinkKafka.class")).isNotNull();
		}
	}

	@Test
	void aJarOnTheClassPathIsShippedAsItIs() throws Exception {
		Path connector = Path.of(KafkaSource.class.getProtectionDomain().getCodeSource().getLocation().toURI());

		assertThat(UserJars.jar(connector.toUri().toString(), dir)).isEqualTo(connector);
	}

	@Test
	void theEntriesOfSpringBootsNestedJarAreCopiedOut() throws IOException {
		Path library = dir.resolve("library.jar");
		writeJar(library, "org/example/Library.class", false);
		Path application = Files.createDirectories(dir.resolve("with space")).resolve("app.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(application))) {
			add(out, "BOOT-INF/classes/io/statefront/Example.class", new byte[] { 1, 2, 3 }, false);
			add(out, "BOOT-INF/classes/application.properties", "a=b".getBytes(), false);
			// Spring Boot stores nested jars uncompressed
			add(out, "BOOT-INF/lib/library.jar", Files.readAllBytes(library), true);
		}
		String nested = "jar:nested:" + application.toUri().getRawPath() + "/!";
		Path jars = Files.createDirectories(dir.resolve("jars"));

		Path copied = UserJars.jar(nested + "BOOT-INF/lib/library.jar!/", jars);
		assertThat(copied).hasFileName("library.jar").hasSameBinaryContentAs(library);

		Path classes = UserJars.jar(nested + "BOOT-INF/classes/!/", jars);
		try (JarFile packed = new JarFile(classes.toFile())) {
			assertThat(Collections.list(packed.entries()).stream().map(JarEntry::getName))
				.containsExactlyInAnyOrder("io/statefront/Example.class", "application.properties");
		}
	}

	private static void writeJar(Path jar, String entry, boolean stored) throws IOException {
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			add(out, entry, new byte[] { 42 }, stored);
		}
	}

	private static void add(JarOutputStream out, String name, byte[] content, boolean stored) throws IOException {
		JarEntry entry = new JarEntry(name);
		if (stored) {
			CRC32 crc = new CRC32();
			crc.update(content);
			entry.setMethod(ZipEntry.STORED);
			entry.setSize(content.length);
			entry.setCrc(crc.getValue());
		}
		out.putNextEntry(entry);
		((OutputStream) out).write(content);
		out.closeEntry();
	}

}
