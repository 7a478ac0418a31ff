# server-lite's image for docker-compose: build the jar first with ./mvnw -DskipTests package
# It holds the server and its runtime libraries only: no embedded PostgreSQL, Redis or Kafka broker.
FROM eclipse-temurin:21-jre
WORKDIR /app
COPY server-lite/target/server-lite.jar /app/server-lite.jar
COPY server-lite/target/lib /app/lib
ENV TICKETRUSH_PORT=8080
EXPOSE 8080
# class data sharing: a restarted container maps the classes its first start loaded (see the launcher, ./ticket-rush)
ENTRYPOINT ["java", "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=/tmp/server-lite.jsa", "-Xlog:cds*=off", "-jar", "/app/server-lite.jar"]
