package io.statefront.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import io.statefront.platform.StatefrontProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Passwords nobody set: generated once into {@code <data-dir>/secrets/<name>}, a file only its
 * owner may read (in a folder only its owner may open), and read from there at every later start.
 * The log says where a password is, never what it is: logs travel to places a password must not.
 */
@Component
public class Secrets {

	static final String FOLDER = "secrets";

	private static final Logger log = LoggerFactory.getLogger(Secrets.class);

	private final Path folder;

	Secrets(StatefrontProperties statefront) {
		this.folder = statefront.dataDir().resolve(FOLDER).toAbsolutePath().normalize();
	}

	/**
	 * {@code configured} when it is set; else the password kept in the file {@code name}, made now
	 * if there is none.
	 * @param property the property that sets it, for the log
	 * @param whose whose password it is, for the log
	 */
	public String password(String name, @Nullable String configured, String property, String whose) {
		if (StringUtils.hasText(configured)) {
			return configured;
		}
		Path file = folder.resolve(name);
		try {
			boolean generated = !Files.exists(file) && create(file);
			String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
			log.info("{} {}'s password in {} (readable by its owner only); set {} to choose one",
					generated ? "Generated" : "Using", whose, file, property);
			return password;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep " + whose + "'s password in " + file, ex);
		}
	}

	/** Writes a new password into {@code file}; false when another start wrote one first. */
	private static boolean create(Path file) throws IOException {
		byte[] secret = new byte[18];
		new SecureRandom().nextBytes(secret);
		Files.createDirectories(file.getParent());
		restrict(file.getParent(), "rwx------");
		Path written = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
		restrict(written, "rw-------");
		// URL-safe: it goes into curl -u and Basic headers as it is
		Files.writeString(written, Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
				StandardCharsets.US_ASCII);
		try {
			Files.move(written, file);
			return true;
		}
		catch (FileAlreadyExistsException raced) {
			Files.delete(written);
			return false;
		}
	}

	private static void restrict(Path path, String permissions) throws IOException {
		try {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
		}
		catch (UnsupportedOperationException notPosix) {
			// Windows: the data directory's own permissions apply
		}
	}

}
