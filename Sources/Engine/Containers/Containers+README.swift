// Engine/Containers README (a Swift comment file so SwiftPM needs no resource rules).
//
// # Engine/Containers: what `docker run` makes
//
// A container is an image plus its own writable layer (`Container.upper`: a change set over
// the image's union view, deletions as `.wh.` whiteouts, exactly the layer format), an
// effective config (ENTRYPOINT x CMD per docker-behavior.md §9.1, `-e`, `-w`, `-u`, `-p`), a
// state (created, running, exited(code)), a log, and times from the virtual clock. Names are
// Docker's `adjective_surname`, derived from the seeded container ID, never `boring_wozniak`.
//
// | file | job |
// | --- | --- |
// | `Container.swift` | the value types (`Container`, `ContainerState`, `PortMapping`, `ServerProcess`) |
// | `ContainerStore.swift` | the container list, lookups by ID/name/prefix, the attached shell |
// | `ContainerNames.swift` | Docker's name generator (a subset of moby's lists) |
// | `EngineState+Containers.swift` | create, start, stop, rm, exec, diff, commit, prune, the attached shell, HTTP answers, rmi conflicts |
// | `EngineState+ContainerOps.swift` | kill (signals, which PID 1 handles which), rename, wait, top (host PIDs), cp both ways (moby's destination rules, tar sizes), commit `--change` through the builder's metadata logic |
// | `ContainerProcess.swift` | what a process does: servers (Flask, Node, nginx), `sleep`, interactive shells, everything else through `SimulatedShell` |
// | `AppSources.swift` | line-based reading of app.py / server.js: routes, return strings, ports, prints |
//
// Time: nothing runs in the background. A server is "running" until stopped; `sleep N`
// records when it ends and `settleContainers()` (called by every container command) moves
// it to `Exited (0)` once the clock has passed that point. `docker stop` takes 10 s and
// exit 137 for a PID 1 that ignores SIGTERM (everything but nginx, which handles SIGQUIT).
// `docker wait` on a `sleep N` moves the clock to its end; on a process that never ends it
// says so instead of blocking.
//
// `docker rmi` asks `imageRemovalConflict(_:reference:force:)` for §8's conflict messages and
// `containersUsing(_:)` for the containers of an image.
//
// It must not print or do I/O: every operation returns values; the CLI renders them.
