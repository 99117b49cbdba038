# Builds and runs Proofwork. docker-compose.yml uses it with MySQL 8.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src src
RUN ./mvnw -B -ntp -q -DskipTests package && cp target/proofwork-*.jar /proofwork.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --home /app proofwork && mkdir -p /app/data && chown proofwork /app/data
WORKDIR /app
COPY --from=build /proofwork.jar /app/proofwork.jar
USER proofwork
ENV PROOFWORK_DATA_DIR=/app/data
# Measured in docs/PERFORMANCE.md on 2 cores: Serial GC and capped memory pools give 211 MB idle RSS (445 MB with G1
# at 75% of RAM); C1 only (TieredStopAtLevel=1) halves start-up CPU and doubled launch throughput there. On large,
# long-running nodes drop TieredStopAtLevel and measure again. Override with JAVA_OPTS.
ENV JAVA_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:MaxRAM=1g -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m"
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/proofwork.jar"]
