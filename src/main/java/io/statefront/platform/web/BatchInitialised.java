package io.statefront.platform.web;

/** The body the shop API answers a completed batch initialisation with. */
public record BatchInitialised(String msg) {

	public static BatchInitialised of(String entities) {
		return new BatchInitialised("Batch init for " + entities + " successful");
	}

}
