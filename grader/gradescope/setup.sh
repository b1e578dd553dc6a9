#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's Docker image (Ubuntu).
# The grader needs a JDK 17+ (javac compiles the submissions) and util-linux's unshare (sandbox).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q openjdk-17-jdk-headless util-linux
java -version
