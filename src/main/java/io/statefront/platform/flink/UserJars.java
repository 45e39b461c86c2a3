package io.statefront.platform.flink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.flink.cep.CEP;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.ObjectMapper;

import org.springframework.util.FileSystemUtils;

/**
 * The jars a remote Flink cluster needs to run the jobs, beside its own: the application's classes,
 * and the libraries its sources, sinks and functions use inside Flink. Each is found from where one
 * of its classes was loaded: a jar on the class path is taken as it is, a folder of classes
 * ({@code target/classes} under an IDE or {@code spring-boot:run}) is packed into a jar, and an
 * entry of Spring Boot's nested jar ({@code BOOT-INF/classes/}, {@code BOOT-INF/lib/*.jar}) is
 * copied out of it. Neither Spring, nor the Kafka broker, nor Flink's own runtime is shipped.
 */
final class UserJars {

	/**
	 * One class of each library that runs inside Flink: the application's, the Kafka connector and
	 * the connector base it builds on, Kafka's client, CEP (the analytics alerts), and Jackson 3 with
	 * the annotations it still takes from Jackson 2's package (the JSON of every message).
	 */
	private static final List<Class<?>> LIBRARIES = List.of(FlinkJobPart.class, KafkaSource.class,
			DeliveryGuarantee.class, KafkaConsumer.class, CEP.class, ObjectMapper.class, JsonParser.class,
			JsonProperty.class);

	private static final String NESTED = "jar:nested:";

	private static final String APPLICATION_JAR = "statefront-classes.jar";

	private UserJars() {
	}

	/** Writes the jars into {@code dir}, emptied first, and returns them. */
	static List<Path> collect(Path dir) {
		try {
			FileSystemUtils.deleteRecursively(dir);
			Files.createDirectories(dir);
			Set<String> locations = new LinkedHashSet<>();
			LIBRARIES.forEach(type -> locations.add(type.getProtectionDomain().getCodeSource().getLocation().toString()));
			List<Path> jars = new ArrayList<>();
			for (String location : locations) {
				jars.add(jar(location, dir));
			}
			return jars;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot gather the jars the Flink jobs need into " + dir, ex);
		}
	}

	/** The jar at {@code location} (a class's code source) as a plain file, made in {@code dir} if need be. */
	static Path jar(String location, Path dir) throws IOException {
		if (location.startsWith(NESTED)) {
			return nested(location, dir);
		}
		Path path = Path.of(uri(location));
		return Files.isDirectory(path) ? pack(path, dir.resolve(APPLICATION_JAR)) : path;
	}

	/** {@code jar:nested:/app.jar/!BOOT-INF/lib/x.jar!/} or {@code jar:nested:/app.jar/!BOOT-INF/classes/!/}. */
	private static Path nested(String location, Path dir) throws IOException {
		String nested = location.substring("jar:".length());
		if (nested.endsWith("!/")) {
			nested = nested.substring(0, nested.length() - 2);
		}
		String path = uri(nested).getSchemeSpecificPart();
		int separator = path.lastIndexOf("/!");
		if (separator < 0) {
			throw new IllegalArgumentException("Not an entry of a nested jar: " + location);
		}
		Path outer = Path.of(path.substring(0, separator));
		String entry = path.substring(separator + 2);
		try (JarFile jar = new JarFile(outer.toFile())) {
			if (entry.endsWith(".jar")) {
				Path copy = dir.resolve(entry.substring(entry.lastIndexOf('/') + 1));
				try (InputStream in = jar.getInputStream(jar.getJarEntry(entry))) {
					Files.copy(in, copy);
				}
				return copy;
			}
			return packEntries(jar, entry.endsWith("/") ? entry : entry + "/", dir.resolve(APPLICATION_JAR));
		}
	}

	private static Path pack(Path classes, Path target) throws IOException {
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target));
				Stream<Path> files = Files.walk(classes)) {
			for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
				out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
				Files.copy(file, out);
				out.closeEntry();
			}
		}
		return target;
	}

	private static Path packEntries(JarFile jar, String prefix, Path target) throws IOException {
		try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file)) {
			Enumeration<JarEntry> entries = jar.entries();
			while (entries.hasMoreElements()) {
				JarEntry entry = entries.nextElement();
				if (entry.isDirectory() || !entry.getName().startsWith(prefix)) {
					continue;
				}
				out.putNextEntry(new JarEntry(entry.getName().substring(prefix.length())));
				try (InputStream in = jar.getInputStream(entry)) {
					in.transferTo(out);
				}
				out.closeEntry();
			}
		}
		return target;
	}

	private static URI uri(String location) {
		try {
			return new URI(location);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("Not a location: " + location, ex);
		}
	}

}
