package io.statefront.platform.explorer;

import java.util.List;

/**
 * One operator's keyed state, counted key by key.
 *
 * @param keys how many keys hold any readable state
 * @param states per state: how many keys hold it, its entries and their serialized bytes
 * @param someKeys the first keys read (a page, never all of them), to pick one to look up
 */
public record StateFigures(long keys, List<Counted> states, List<String> someKeys) {

	/** One state's figures over every key. */
	public record Counted(String name, StateLayout.Kind kind, long keys, long entries, long bytes) {
	}

}
