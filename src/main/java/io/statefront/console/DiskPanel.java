package io.statefront.console;

import java.util.List;

import io.statefront.platform.disk.DataDirUsage;
import io.statefront.platform.disk.DiskSpace;

/**
 * The overview's disk panel: what each part of the data directory holds (as last measured in the
 * background), the file system's free and total space, and whether the disk guard refuses writes.
 */
record DiskPanel(String dataDir, List<PartRow> parts, String dataDirText, String measuredAt, boolean known,
		String freeText, String totalText, String requiredText, double freeShare, boolean guardOn) {

	/** A part of the data directory and its size. */
	record PartRow(String name, String path, String sizeText) {
	}

	static DiskPanel of(DataDirUsage.Usage usage, DiskSpace space) {
		List<PartRow> parts = usage.parts()
			.stream()
			.map(part -> new PartRow(part.name(), part.path().toString(),
					part.present() ? Formats.bytes(part.bytes()) : "—"))
			.toList();
		boolean known = space.known();
		// usable, not unallocated: reserved blocks and other users' quotas count as taken
		double free = (known && space.totalBytes() > 0) ? (double) space.usableBytes() / space.totalBytes() : 0;
		return new DiskPanel(usage.dataDir().toString(), parts,
				usage.measured() ? Formats.bytes(usage.totalBytes()) : "—",
				usage.measured() ? Formats.time(usage.measuredAt().toEpochMilli()) : "not yet",
				known, known ? Formats.bytes(space.usableBytes()) : "—", known ? Formats.bytes(space.totalBytes()) : "—",
				known ? Formats.bytes(space.requiredBytes()) : "—", free, space.low());
	}

}
