package io.statefront.platform.flink;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the jobs' checkpoints and savepoints go, and what Flink's file systems need to reach them.
 *
 * @param dir where checkpoints ({@code <dir>/checkpoints/<job>/}) and savepoints
 * ({@code <dir>/savepoints/<job>/}) go: unset, the data directory; else a folder, or the URI of a
 * file system Flink has a plugin for, such as {@code s3://bucket/prefix}. Every process of the Flink
 * cluster and every instance must reach it under this name
 * @param pluginsDir Flink's plugins, a folder each (as a Flink distribution's {@code plugins/}, e.g.
 * {@code plugins/s3-fs-presto/flink-s3-fs-presto-2.2.0.jar}); unset: Flink's own choice,
 * {@code $FLINK_PLUGINS_DIR} or else {@code ./plugins} where it exists
 * @param s3 the S3 file system's settings, given to Flink as its {@code s3.*} keys
 */
@ConfigurationProperties("statefront.flink.storage")
record StorageProperties(@Nullable String dir, @Nullable Path pluginsDir, @DefaultValue S3 s3) {

	/**
	 * @param endpoint the S3 API's address, e.g. {@code http://minio:9000}; unset: AWS's
	 * @param pathStyleAccess {@code bucket} in the path rather than the host name (MinIO and most
	 * S3-compatible stores want it)
	 * @param accessKey the access key; unset: the credentials of the environment (AWS's chain)
	 * @param secretKey its secret
	 */
	record S3(@Nullable String endpoint, @DefaultValue("false") boolean pathStyleAccess, @Nullable String accessKey,
			@Nullable String secretKey) {
	}

}
