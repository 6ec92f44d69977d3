# An image for hera-rs workflow programs: the binary that prints the YAML is
# also what each script step's pod runs (`<binary> exec <template> <file>`).
#
#   docker build --build-arg PROGRAM=script_diamond -t ghcr.io/acme/my-package:v0.1.0 .
#
# The templates name the binary as /usr/local/bin/<program>, and the image by
# the workflow's `.image(...)` (e.g. ghcr.io/acme/my-package:v<version>):
# build and push the image with that tag before applying the YAML. CI can
# test a freshly built image under another tag with IMAGE_NAME=<that tag>.

# Build stage: the program in release mode. For your own crate, build your
# binary (`cargo build --release --bin my-program`) instead of an example.
FROM rust:1.95-slim-bookworm AS build
ARG PROGRAM=script_diamond
WORKDIR /src
COPY . .
RUN cargo build --release --example "${PROGRAM}" \
 && cp "target/release/examples/${PROGRAM}" /program

# Runtime stage: a small base with a writable /tmp, where Argo writes the
# script's inputs file and the runner writes named outputs
# (/tmp/hera-outputs) and finds input artifacts (/tmp/hera-inputs).
FROM debian:bookworm-slim
ARG PROGRAM=script_diamond
RUN chmod 1777 /tmp
COPY --from=build /program /usr/local/bin/${PROGRAM}
# Argo's executor sets the command from the template; nothing else is needed.
USER 65532:65532
