package io.statefront.platform.gateway;

/**
 * A topic Flink functions publish replies on, created with {@code partitions} when missing; the
 * gateway listens to every partition the topic has.
 */
public record ReplyTopic(String name, int partitions) {
}
