package io.statefront.recommendation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** The {@code size} best-scored items, highest first, ties to the lower item: a sort of all, kept short. */
final class TopItems {

	/** Numeric ids in numeric order (9 before 10), others after them by text. */
	static final Comparator<String> ITEM_ORDER = TopItems::compareItems;

	private static int compareItems(String one, String other) {
		boolean oneIsNumber = isNumber(one);
		if (oneIsNumber != isNumber(other)) {
			return oneIsNumber ? -1 : 1;
		}
		int byLength = Integer.compare(one.length(), other.length());
		return byLength != 0 ? byLength : one.compareTo(other);
	}

	private static boolean isNumber(String id) {
		for (int i = 0; i < id.length(); i++) {
			if (!Character.isDigit(id.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private final String[] ids;

	private final double[] scores;

	private int count;

	TopItems(int size) {
		this.ids = new String[size];
		this.scores = new double[size];
	}

	void offer(String id, double score) {
		int at = count;
		while (at > 0 && ranksBefore(id, score, at - 1)) {
			at--;
		}
		if (at == ids.length) {
			return;
		}
		int moved = Math.min(count, ids.length - 1) - at;
		System.arraycopy(ids, at, ids, at + 1, moved);
		System.arraycopy(scores, at, scores, at + 1, moved);
		ids[at] = id;
		scores[at] = score;
		count = Math.min(count + 1, ids.length);
	}

	private boolean ranksBefore(String id, double score, int place) {
		int byScore = Double.compare(score, scores[place]);
		return byScore > 0 || (byScore == 0 && ITEM_ORDER.compare(id, ids[place]) < 0);
	}

	List<String> items() {
		return new ArrayList<>(Arrays.asList(ids).subList(0, count));
	}

}
