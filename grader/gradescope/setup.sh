#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's Docker image (Ubuntu).
# The grader needs a JDK 17+ (javac compiles the submissions), bubblewrap (the sandbox, where the
# container allows user namespaces) and util-linux's setpriv and prlimit (the fallback: a separate uid).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q openjdk-17-jdk-headless util-linux bubblewrap
java -version
