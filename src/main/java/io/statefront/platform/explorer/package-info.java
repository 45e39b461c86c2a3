/**
 * The checkpoint explorer: what a retained checkpoint or savepoint of a job holds, read with Flink's
 * State Processor API in a small Flink environment of its own, one read at a time, in the background.
 */
package io.statefront.platform.explorer;
