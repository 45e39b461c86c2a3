package io.statefront.platform.kafka;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The mark a request id carries for its reply partition, and ids that carry none or a broken one. */
class ReplyPartitionsTest {

	@Test
	void anIdMarkedForAPartitionNamesIt() {
		String id = UUID.randomUUID().toString();

		assertThat(ReplyPartitions.of(ReplyPartitions.prefix(0) + id)).isZero();
		assertThat(ReplyPartitions.of(ReplyPartitions.prefix(7) + id)).isEqualTo(7);
		assertThat(ReplyPartitions.of(ReplyPartitions.prefix(123456789) + id)).isEqualTo(123456789);
	}

	@Test
	void aPlainOrMalformedIdNamesNoneAndLeavesTheChoiceToKafka() {
		assertThat(ReplyPartitions.of(UUID.randomUUID().toString())).isEqualTo(-1);
		assertThat(ReplyPartitions.of("")).isEqualTo(-1);
		assertThat(ReplyPartitions.of(null)).isEqualTo(-1);
		assertThat(ReplyPartitions.of("@/x")).as("no digits").isEqualTo(-1);
		assertThat(ReplyPartitions.of("@1x/y")).as("not a number").isEqualTo(-1);
		assertThat(ReplyPartitions.of("@12")).as("no end").isEqualTo(-1);
		assertThat(ReplyPartitions.of("@9999999999/x")).as("past an int").isEqualTo(-1);
	}

	@Test
	void aNegativePartitionIsNoMark() {
		assertThatIllegalArgumentException().isThrownBy(() -> ReplyPartitions.prefix(-1));
	}

}
