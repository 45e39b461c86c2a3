package io.statefront.platform.flink;

/**
 * The outcome of a restart from a chosen checkpoint or savepoint.
 *
 * @param job the job as it runs now
 * @param checkpointed whether its restored state could be checkpointed at once (if not, a crash
 * before its next checkpoint resumes from a newer one)
 */
public record Restart(FlinkRuntime.RunningJob job, boolean checkpointed) {
}
