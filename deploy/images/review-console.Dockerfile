# SPDX-License-Identifier: GPL-3.0-or-later
# The QA review console. Build from the repository root after
#   mvn -B -pl review -am package dependency:copy-dependencies -DskipTests \
#       -DincludeScope=runtime -DoutputDirectory=target/console-lib
#   docker build -f deploy/images/review-console.Dockerfile -t servicepulse/review-console:0.1.0 .
FROM eclipse-temurin:17.0.20_8-jre
ARG VERSION=0.1.0-SNAPSHOT
COPY review/target/servicepulse-review-${VERSION}.jar /opt/console/
COPY review/target/console-lib/ /opt/console/lib/
COPY LICENSE NOTICE /opt/console/
USER 10001
EXPOSE 8090
ENTRYPOINT ["java", "-cp", "/opt/console/*:/opt/console/lib/*", "io.servicepulse.review.ReviewMain"]
CMD ["serve"]
