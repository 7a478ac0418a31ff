# server-lite's image for docker-compose: build the jar first with ./mvnw -DskipTests package
# It holds the server and its runtime libraries only: no embedded PostgreSQL, Redis or Kafka broker.
FROM eclipse-temurin:21-jre
WORKDIR /app
COPY server-lite/target/server-lite.jar /app/server-lite.jar
COPY server-lite/target/lib /app/lib
ENV TICKETRUSH_PORT=8080 MALLOC_ARENA_MAX=2
EXPOSE 8080
# the launcher's flags (.mvn/jvm-flags.sh says why each): a bounded heap given back when idle, and class data sharing
ENTRYPOINT ["java", "-XX:+UseG1GC", "-Xmx1g", "-XX:G1PeriodicGCInterval=3000", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20",
            "-XX:+UnlockExperimentalVMOptions", "-XX:G1NewSizePercent=30",
            "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=/tmp/server-lite.jsa", "-Xlog:cds*=off", "-jar", "/app/server-lite.jar"]
