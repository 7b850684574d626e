# One image definition for every Purple Sector service, from the runnable jar the build made:
#   ./mvnw -q package -DskipTests
#   docker build --build-arg SERVICE=bridge-service -t purplesector/bridge-service .
# The jar is split into Spring Boot's layers (dependencies first, the application last), so a
# rebuild after a code change ships only the small top layer. The service runs as a non-root
# user, with a heap sized from the container's memory limit.
ARG JAVA_IMAGE=eclipse-temurin:17-jre

FROM ${JAVA_IMAGE} AS layers
ARG SERVICE
WORKDIR /build
COPY ${SERVICE}/target/${SERVICE}-*-exec.jar application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --launcher --destination extracted

FROM ${JAVA_IMAGE}
ARG SERVICE
LABEL org.opencontainers.image.title="purplesector-${SERVICE}"
RUN groupadd --system --gid 10001 purplesector \
    && useradd --system --uid 10001 --gid purplesector --no-create-home purplesector
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER 10001:10001
# Three quarters of the container's memory for the heap; die (and be restarted) rather than limp
# on after an OutOfMemoryError.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
