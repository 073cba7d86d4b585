// Package distcheck has no code of its own: its tests check the files that
// ship defaultsg (action.yml, .pre-commit-hooks.yaml, .goreleaser.yaml,
// Dockerfile, .github/workflows) against the real command tree and go.mod, so
// a renamed flag or a Go upgrade cannot leave them silently broken. The tests
// that need a release build run from .ci/release-check (docs/DISTRIBUTION.md).
package distcheck
