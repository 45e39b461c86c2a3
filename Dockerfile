# syntax=docker/dockerfile:1
# Statefront in one container: the application (web, embedded Kafka broker, Flink MiniCluster) and
# Debian's InfluxDB 1.x, which the application runs itself for metric history.
#   docker build -t statefront .
#   docker run -p 8080:8080 --stop-timeout 90 -v statefront-data:/var/lib/statefront statefront
# Every step below is also run as plain commands by PackagedImageIT (mvn verify).

ARG DEBIAN=debian:bookworm-20251229-slim

FROM ${DEBIAN} AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jdk-headless curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /build
# dependencies first: a change to the sources alone reuses this layer's Maven repository
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -ntp -q package -DskipTests \
    && java -Djarmode=tools -jar target/statefront.jar extract --layers --destination /build/extracted

FROM ${DEBIAN}
RUN apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jre-headless influxdb curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin statefront \
    && mkdir -p /var/lib/statefront && chown statefront:statefront /var/lib/statefront
WORKDIR /app
# the extracted layout (a plain jar beside its libraries) starts faster than the fat jar, and the
# layers change from least to most often: a new build of the code alone rebuilds the last one
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
# Flink's S3 file system, a plugin in a folder of its own (/app/plugins, where Flink looks from the
# working directory): checkpoints on an object store with statefront.flink.storage.dir=s3://…
COPY --from=build /build/target/flink-plugins/ ./plugins/
COPY --from=build /build/extracted/application/ ./
COPY src/main/docker/jvm.options ./
# Class data sharing (Spring Boot's "training run"): a start that stops once the context is
# refreshed (broker and metric store up, the MiniCluster starting, no Flink job yet) and archives every class it loaded; each
# start of the image then maps them rather than loading, verifying and linking them again: about a
# tenth off the cold start (docs/benchmarks.md, bench/cold-start.sh)
RUN java @jvm.options -XX:ArchiveClassesAtExit=statefront.jsa -Xlog:cds=off -Dspring.context.exit=onRefresh \
      -jar statefront.jar --statefront.data-dir=/tmp/training \
    && rm -rf /tmp/training
USER statefront
ENV STATEFRONT_DATA_DIR=/var/lib/statefront
ENV SERVER_PORT=8080
# no simulated traffic mixed with real visitors' (the embedded development run, the demo, has it
# on): switch it on in the console, or with -e STATEFRONT_SIMULATOR_ENABLED=true
ENV STATEFRONT_SIMULATOR_ENABLED=false
# one JSON object a line (Elastic Common Schema) for a log shipper, with the request's traceId and
# spanId in every line logged while serving it; java -jar and spring-boot:run keep the human format
ENV LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs
VOLUME /var/lib/statefront
EXPOSE 8080
# ready means every Flink job runs and the broker and gateway answer; allow a slow first start
HEALTHCHECK --interval=15s --timeout=5s --start-period=180s --retries=4 \
    CMD curl -fsS http://localhost:8080/actuator/health/readiness >/dev/null || exit 1
# SIGTERM stops accepting requests, answers those in flight, and suspends each job with a
# savepoint: give it time (docker run --stop-timeout 90, compose stop_grace_period)
ENTRYPOINT ["java", "@jvm.options", "-XX:SharedArchiveFile=statefront.jsa", "-jar", "statefront.jar"]
