package io.statefront.storefront;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.util.StringUtils;

/**
 * The secret that signs customers' remember-me cookies: the configured one, or one generated on
 * the first start and kept (readable by its owner only) in the data directory.
 */
final class RememberMeKey {

	static final String FILE = "storefront/remember-me.key";

	private RememberMeKey() {
	}

	static String resolve(StorefrontProperties properties, Path dataDir) {
		if (StringUtils.hasText(properties.rememberMeKey())) {
			return properties.rememberMeKey();
		}
		Path file = dataDir.resolve(FILE);
		try {
			if (!Files.exists(file)) {
				create(file);
			}
			return Files.readString(file, StandardCharsets.US_ASCII).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep the remember-me key in " + file, ex);
		}
	}

	private static void create(Path file) throws IOException {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		Files.createDirectories(file.getParent());
		Path written = Files.createTempFile(file.getParent(), "remember-me", ".tmp");
		try {
			Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException notPosix) {
			// Windows: the data directory's own permissions apply
		}
		Files.writeString(written, Base64.getEncoder().encodeToString(secret), StandardCharsets.US_ASCII);
		try {
			// two starts racing keep the first key
			Files.move(written, file);
		}
		catch (FileAlreadyExistsException raced) {
			Files.delete(written);
		}
	}

}
