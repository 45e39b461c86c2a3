package io.statefront.platform.gateway;

/** Nothing was sent: the job that would answer is not running, or the gateway is full. */
public class PipelineUnavailableException extends RuntimeException {

	public PipelineUnavailableException(String message) {
		super(message);
	}

}
