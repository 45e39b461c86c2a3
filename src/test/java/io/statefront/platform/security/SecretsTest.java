package io.statefront.platform.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.statefront.platform.StatefrontProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A password nobody set: made once, for its owner's eyes only, and the log says where, never what. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsTest {

	@TempDir
	Path dataDir;

	@Test
	void aGeneratedPasswordIsKeptInAFileOnlyItsOwnerReadsAndNeverLogged(CapturedOutput output) throws Exception {
		Secrets secrets = new Secrets(new StatefrontProperties(dataDir));

		String password = secrets.password("api-password", null, "statefront.security.api-password", "the API user");

		Path file = dataDir.resolve("secrets").resolve("api-password");
		assertThat(password).hasSizeGreaterThanOrEqualTo(24).matches("[A-Za-z0-9_-]+");
		assertThat(Files.readString(file)).isEqualTo(password);
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(file.getParent()))
			.isEqualTo(PosixFilePermissions.fromString("rwx------"));
		assertThat(output).contains(file.toString(), "statefront.security.api-password").doesNotContain(password);

		assertThat(new Secrets(new StatefrontProperties(dataDir)).password("api-password", "", "p", "the API user"))
			.as("the same at the next start").isEqualTo(password);
	}

	@Test
	void aConfiguredPasswordIsUsedAndNothingIsWritten() {
		Secrets secrets = new Secrets(new StatefrontProperties(dataDir));

		assertThat(secrets.password("api-password", "chosen", "p", "the API user")).isEqualTo("chosen");
		assertThat(dataDir.resolve("secrets")).doesNotExist();
	}

}
