import Dockerfile
import ImageReference

/// The in-memory Docker: images, layers, build cache, registries, containers. No I/O.
public enum EngineModule {}
