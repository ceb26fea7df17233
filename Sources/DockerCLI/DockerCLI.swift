import Engine

/// Parses `docker ...` argv, runs it against an `Engine`, renders Docker-format output.
public enum DockerCLIModule {}
