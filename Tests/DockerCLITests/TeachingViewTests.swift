@testable import DockerCLI
import Dockerfile
import Engine
import Testing

struct TeachingViewTests {
    @Test func debugPrint() throws {
        var engine = EngineState()
        try teachingBuild(&engine, pythonAppFixed, files: pythonFiles)
        var files = pythonFiles
        files["app.py"] = "print('hello world')\n"
        try teachingBuild(&engine, pythonAppFixed, files: files)
        print(TeachingViews.afterBuild(engine.lastBuild!, engine: engine, width: 80, colour: false))
        try teachingBuild(&engine, "FROM ubuntu:24.04\nRUN apt-get update\nRUN apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\nADD app.py /app.py\n", files: files, tags: ["w:1"])
        print(TeachingViews.afterBuild(engine.lastBuild!, engine: engine, width: 80, colour: false))
        print(TeachingViews.layers("w:1", engine: engine, width: 80, colour: false)!)
        print(try TeachingViews.compare("app:latest", "w:1", engine: engine, width: 80, colour: false).get())
        print(TeachingViews.explain(engine.lastBuild!, engine: engine, width: 80, colour: false))
    }
}
