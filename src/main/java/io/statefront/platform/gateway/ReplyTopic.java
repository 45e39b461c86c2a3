package io.statefront.platform.gateway;

/** A topic Flink functions publish replies on; the gateway listens to every partition of it. */
public record ReplyTopic(String name, int partitions) {
}
