# defaultsg in a container: a static binary on distroless, run as non-root.
#   docker build -t defaultsg --build-arg VERSION=v1.2.3 .
#   docker run --rm -v "$PWD:/work" defaultsg scan -o sarif .
# The Go version must match go.mod's go line (internal/distcheck checks it).
# Built for the target platform from the build platform, so buildx can make
# multi-arch images without emulating the compiler.
FROM --platform=$BUILDPLATFORM golang:1.26.8 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
ARG TARGETOS
ARG TARGETARCH
# Empty VERSION: `defaultsg version` says "dev" (internal/buildinfo).
ARG VERSION=
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \
    go build -trimpath -buildvcs=false \
      -ldflags "-s -w -X github.com/defaultsg/defaultsg/internal/buildinfo.Version=${VERSION}" \
      -o /out/defaultsg ./cmd/defaultsg

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/defaultsg /usr/local/bin/defaultsg
USER nonroot:nonroot
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/defaultsg"]
CMD ["--help"]
