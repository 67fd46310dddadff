# syntax=docker/dockerfile:1
# tickcast image: docker build -t tickcast .
# Run: docker run --rm -p 9400:9400 tickcast run --bootstrap kafka:9092 --set http.host=0.0.0.0

# --- build -------------------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY schemas schemas
COPY src src
# The cache mount keeps the Maven repository between builds (BuildKit).
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -DskipTests package

# --- runtime -----------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 tickcast \
 && useradd --system --uid 10001 --gid tickcast --home-dir /var/lib/tickcast --shell /usr/sbin/nologin tickcast \
 && mkdir -p /var/lib/tickcast /etc/tickcast \
 && chown tickcast:tickcast /var/lib/tickcast
WORKDIR /app
# tickcast.jar's manifest puts lib/*.jar on the class path.
COPY --from=build /src/target/lib/ /app/lib/
COPY --from=build /src/target/tickcast.jar /app/tickcast.jar
USER 10001:10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# HTTP: /metrics, /health, /ready (bind it with --set http.host=0.0.0.0 or TICKCAST_HTTP_HOST=0.0.0.0).
EXPOSE 9400
VOLUME ["/var/lib/tickcast"]
ENTRYPOINT ["java", "-jar", "/app/tickcast.jar"]
CMD ["run"]
