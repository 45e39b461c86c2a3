package io.statefront.platform.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PathValuesTest {

	@ParameterizedTest
	@ValueSource(strings = { "0", "1", "42", "9223372036854775807" })
	void acceptsIdsInAsciiDigits(String text) {
		assertThat(EntityId.valueOf(text).value()).isEqualTo(text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "-1", "+1", "1.5", "abc", "1e3", " 1", "١٢", "１２", "9223372036854775808",
			"99999999999999999999999" })
	void refusesAnythingElseAsAnId(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> EntityId.valueOf(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-5", "abc", "٥", "9223372036854775808" })
	void refusesAmountsThatAreNotPositiveLongs(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Amount.valueOf(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "-1", "1.5", "٥", "9223372036854775808" })
	void refusesCountsThatAreNotNonNegativeLongs(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Count.valueOf(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "1000001", "9223372036854775807", "-1", "1e3" })
	void refusesBatchSizesOutsideOneToAMillion(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> BatchSize.valueOf(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "1", "1000000" })
	void acceptsBatchSizesFromOneToAMillion(String text) {
		assertThat(BatchSize.valueOf(text).value()).isEqualTo(Integer.parseInt(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "has space", "ünicode", "tab\tkey" })
	void refusesIdempotencyKeysThatAreNotPrintableAscii(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> IdempotencyKey.valueOf(text));
	}

}
