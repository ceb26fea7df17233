import Engine
import DockerCLI

/// Lesson files, runner, checks and progress. (Lessons land with their issue.)
public enum LessonsModule {}
