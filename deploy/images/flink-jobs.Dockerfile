# SPDX-License-Identifier: GPL-3.0-or-later
# The five job jars on Flink's official image: one image for every FlinkDeployment (each picks
# its jar with jarURI) and for the migration Job. Build from the repository root after
# `mvn -B package -DskipTests` (job jars; jobs/qa/target/corenlp-models):
#   docker build -f deploy/images/flink-jobs.Dockerfile -t servicepulse/flink-jobs:0.1.0 .
FROM flink:2.2.1-scala_2.12-java17
ARG VERSION=0.1.0-SNAPSHOT
# Outside usrlib/: Flink would put every jar there on each job's classpath.
COPY jobs/ingest/target/servicepulse-ingest-${VERSION}-job.jar /opt/servicepulse/jobs/ingest.jar
COPY jobs/metrics/target/servicepulse-metrics-${VERSION}-job.jar /opt/servicepulse/jobs/metrics.jar
COPY jobs/attribution/target/servicepulse-attribution-${VERSION}-job.jar /opt/servicepulse/jobs/attribution.jar
COPY jobs/qa/target/servicepulse-qa-${VERSION}-job.jar /opt/servicepulse/jobs/qa.jar
COPY jobs/aftersales/target/servicepulse-aftersales-${VERSION}-job.jar /opt/servicepulse/jobs/aftersales.jar
# CoreNLP's models unpacked (~98 MB), for QaJob (qa.model-root; the other jobs ignore it).
COPY jobs/qa/target/corenlp-models /opt/servicepulse/corenlp-models
ENV SERVICEPULSE_QA_MODEL_ROOT=/opt/servicepulse/corenlp-models
COPY LICENSE NOTICE /opt/servicepulse/
# A volume mounted here (docker-compose checkpoints) starts owned by the flink user.
RUN mkdir -p /flink-data && chown flink:flink /flink-data
