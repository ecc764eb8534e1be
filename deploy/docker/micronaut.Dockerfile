# One image recipe for every Micronaut service: docker build --build-arg SERVICE=<dir under services/>.
# Builds with the Maven wrapper inside the image, then runs the service's jar as a non-root user.
FROM eclipse-temurin:17-jdk AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -Dmaven.test.skip=true -pl services/${SERVICE} -am package \
 && cp services/${SERVICE}/target/${SERVICE}.jar /app.jar

FROM eclipse-temurin:17-jre
RUN groupadd --system entrada && useradd --system --gid entrada --home-dir /app --no-create-home entrada
WORKDIR /app
COPY --from=build /app.jar ./app.jar
USER entrada
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/app.jar"]
