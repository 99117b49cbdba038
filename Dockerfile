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
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/proofwork.jar"]
