# server-lite image for docker-compose: build the jar first with ./mvnw -DskipTests package
FROM eclipse-temurin:21-jre
WORKDIR /app
COPY cli/target/ticket-rush.jar /app/ticket-rush.jar
COPY cli/target/lib /app/lib
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/ticket-rush.jar", "server", "--port", "8080"]
