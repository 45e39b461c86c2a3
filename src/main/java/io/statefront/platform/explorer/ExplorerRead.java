package io.statefront.platform.explorer;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.statefront.platform.flink.RestorePoint;
import org.jspecify.annotations.Nullable;

/**
 * One read of a restore point, as it goes: started in the background, it fills in what it has read
 * (its layout, then each operator's figures, or one key's state) and ends done or failed. Its fields
 * are written by the reading thread and read by the pages polling it.
 */
public final class ExplorerRead {

	public enum Kind {

		OVERVIEW, LOOKUP

	}

	public enum Status {

		RUNNING, DONE, FAILED

	}

	private final String id = UUID.randomUUID().toString();

	private final String job;

	private final RestorePoint point;

	private final Kind kind;

	private final @Nullable String uid;

	private final @Nullable String key;

	private final Instant startedAt = Instant.now();

	private volatile Status status = Status.RUNNING;

	private volatile @Nullable Instant endedAt;

	private volatile @Nullable CheckpointLayout layout;

	private final Map<String, StateFigures> figures = Collections.synchronizedMap(new LinkedHashMap<>());

	private volatile @Nullable String reading;

	private volatile long keysRead;

	private volatile @Nullable Map<String, String> keyState;

	private volatile @Nullable String failure;

	ExplorerRead(String job, RestorePoint point, Kind kind, @Nullable String uid, @Nullable String key) {
		this.job = job;
		this.point = point;
		this.kind = kind;
		this.uid = uid;
		this.key = key;
	}

	public String id() {
		return id;
	}

	public String job() {
		return job;
	}

	public RestorePoint point() {
		return point;
	}

	public Kind kind() {
		return kind;
	}

	public @Nullable String uid() {
		return uid;
	}

	public @Nullable String key() {
		return key;
	}

	public Instant startedAt() {
		return startedAt;
	}

	public Optional<Instant> endedAt() {
		return Optional.ofNullable(endedAt);
	}

	public Status status() {
		return status;
	}

	public boolean running() {
		return status == Status.RUNNING;
	}

	public Optional<CheckpointLayout> layout() {
		return Optional.ofNullable(layout);
	}

	/** Each operator's figures read so far, by uid. */
	public Map<String, StateFigures> figures() {
		synchronized (figures) {
			return Map.copyOf(figures);
		}
	}

	/** The operator being read now, while running. */
	public Optional<String> reading() {
		return Optional.ofNullable(reading);
	}

	/** Keys read so far of the operator being read. */
	public long keysRead() {
		return keysRead;
	}

	/** The looked-up key's state, each state as JSON by name (empty when the key holds none); once done. */
	public Optional<Map<String, String>> keyState() {
		return Optional.ofNullable(keyState);
	}

	public Optional<String> failure() {
		return Optional.ofNullable(failure);
	}

	void laidOut(CheckpointLayout layout) {
		this.layout = layout;
	}

	void reading(String uid) {
		this.reading = uid;
		this.keysRead = 0;
	}

	void progress(long keys) {
		this.keysRead = keys;
	}

	void counted(String uid, StateFigures counted) {
		figures.put(uid, counted);
	}

	void found(Map<String, String> state) {
		this.keyState = Map.copyOf(state);
	}

	void done() {
		this.reading = null;
		this.endedAt = Instant.now();
		this.status = Status.DONE;
	}

	void failed(String reason) {
		this.reading = null;
		this.failure = reason;
		this.endedAt = Instant.now();
		this.status = Status.FAILED;
	}

}
