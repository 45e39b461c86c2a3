package io.statefront.platform.kafka;

/**
 * Which partition of a reply topic a request's reply goes to, when several application instances
 * share the reply topics: each instance claims partitions of its own
 * ({@code statefront.gateway.reply-partitions}), listens to those alone, and names one of them at the
 * start of each request id, {@code @<partition>/<id>}. The functions copy the request id into their
 * reply, and their reply sinks write it to that partition. A request id without the mark (the one
 * instance that listens to every partition) leaves the reply to Kafka's default partitioner.
 */
public final class ReplyPartitions {

	private static final char MARK = '@';

	private static final char END = '/';

	private ReplyPartitions() {
	}

	/** {@code id}, marked for a reply on {@code partition}. */
	public static String prefix(int partition) {
		if (partition < 0) {
			throw new IllegalArgumentException("A partition is 0 or more, not " + partition);
		}
		return MARK + Integer.toString(partition) + END;
	}

	/**
	 * The partition a request id asks its reply on, or -1 when it names none (also when its mark is
	 * malformed: the default partitioner then chooses, as for any other id).
	 */
	public static int of(String requestId) {
		if (requestId == null || requestId.isEmpty() || requestId.charAt(0) != MARK) {
			return -1;
		}
		int partition = 0;
		// at most nine digits: never past an int
		for (int i = 1; i < requestId.length() && i <= 10; i++) {
			char c = requestId.charAt(i);
			if (c == END) {
				return (i > 1) ? partition : -1;
			}
			if (c < '0' || c > '9') {
				return -1;
			}
			partition = partition * 10 + (c - '0');
		}
		return -1;
	}

}
