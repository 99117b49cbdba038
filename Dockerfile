# Builds and runs Proofwork. docker-compose.yml uses it with MySQL 8.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src src
RUN ./mvnw -B -ntp -q -DskipTests package && cp target/proofwork-*.jar /proofwork.jar
# Unpacked (proofwork.jar plus lib/): classes load from plain jars instead of jars nested in a jar, and it is the
# layout class data sharing needs.
RUN java -Djarmode=tools -jar /proofwork.jar extract --destination /extracted

FROM eclipse-temurin:17-jre
RUN useradd --system --home /app proofwork && mkdir -p /app/data && chown proofwork /app/data
WORKDIR /app
COPY --from=build /extracted/lib /app/lib
COPY --from=build /extracted/proofwork.jar /app/proofwork.jar
# Measured in docs/PERFORMANCE.md on 2 cores: Serial GC and capped memory pools give 211 MB idle RSS (445 MB with G1
# at 75% of RAM); C1 only (TieredStopAtLevel=1) halves start-up CPU and doubled launch throughput there. On large,
# long-running nodes drop TieredStopAtLevel and measure again. Override with JAVA_OPTS.
ENV JAVA_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:MaxRAM=1g -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m"
# Class data sharing: one training run on a throwaway embedded database, stopped as soon as the application context
# has refreshed, writes the classes it loaded, already parsed and verified, to proofwork.jsa; every start maps them
# instead of loading them again (CPU to ready 12.5 -> 6.4 s, bench/launch/README.md). The archive is only valid
# for these jars and this JDK, so it is made here, in the image that runs it; if it cannot be used the JVM starts
# without it. Classes only the mysql profile loads (its JDBC driver) are not in it and load as usual.
RUN java $JAVA_OPTS -XX:ArchiveClassesAtExit=/app/proofwork.jsa -Dspring.context.exit=onRefresh \
		-jar /app/proofwork.jar --proofwork.data-dir=/tmp/training > /tmp/training.log 2>&1 \
	|| { cat /tmp/training.log; exit 1; }; \
	rm -rf /tmp/training /tmp/training.log
USER proofwork
ENV PROOFWORK_DATA_DIR=/app/data
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec java -XX:SharedArchiveFile=/app/proofwork.jsa $JAVA_OPTS -jar /app/proofwork.jar"]
