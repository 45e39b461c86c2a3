package io.statefront.platform.kafka;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DroppedEventsLogTest {

	private final AtomicLong now = new AtomicLong(1);

	private final DroppedEventsLog dropped = new DroppedEventsLog(now::get);

	@Test
	void logsALineAMinuteAtMostPerTopicWithHowManyWereDropped(CapturedOutput output) {
		for (int i = 0; i < 500; i++) {
			drop("website-events");
		}
		drop("shop-events");
		assertThat(lines(output, "website-events")).isEqualTo(1);
		assertThat(output).contains("1 event(s) to topic website-events not sent");
		assertThat(lines(output, "shop-events")).isEqualTo(1);

		now.addAndGet(TimeUnit.SECONDS.toNanos(59));
		drop("website-events");
		assertThat(lines(output, "website-events")).isEqualTo(1);

		now.addAndGet(TimeUnit.SECONDS.toNanos(1));
		drop("website-events");
		assertThat(lines(output, "website-events")).isEqualTo(2);
		assertThat(output).contains("501 event(s) to topic website-events not sent");
	}

	private void drop(String topic) {
		dropped.onError(new ProducerRecord<>(topic, "key", new byte[0]), null,
				new TimeoutException("Topic " + topic + " not present in metadata after 100 ms."));
	}

	private static long lines(CapturedOutput output, String topic) {
		return output.getOut().lines().filter(line -> line.contains("to topic " + topic + " not sent")).count();
	}

}
