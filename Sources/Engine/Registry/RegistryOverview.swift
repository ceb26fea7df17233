// Registry: simulated remote registries (what `docker pull/push/login/search` and `FROM`
// talk to).
//
// Owns: `RegistryStore` (one `Registry` per host; Docker Hub, `docker.io`, serves the base-
// image catalog under `library/` with the catalog's own manifest digests; any other host is
// created empty the first time it is named), content-addressed blobs shared by the
// repositories of a registry, schema-2 manifests (`RegistryManifest`: pushed ones are laid
// out as distribution marshals them, so their size follows docker-behavior.md §7), tags,
// simulated accounts and the CLI's stored logins, where local layers came from (for
// `Mounted from …`), and simulated transfer time (`TransferSchedule`) on the virtual clock.
// Also `ImageStore.lookup`/`tag(source:target:)`: image-name resolution as the daemon does
// it, through `ImageReference`.
//
// Must not: print, read the wall clock, or talk to a network. Wording of errors lives in
// `RegistryError`; rendering lives in DockerCLI (`RegistryRendering`).
