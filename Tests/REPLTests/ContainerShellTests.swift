import DockerCLI
import Engine
import REPL
import Testing

/// The REPL side of containers: lines typed while a container shell is attached, Ctrl-C,
/// `curl` against published ports, and what lesson checks see.
struct ContainerShellTests {
    func driverInAlpineShell() -> InputDriver {
        var driver = InputDriver()
        let out = driver.feed("docker run -it --name box alpine:3.21 sh")
        #expect(out.last?.result.exitStatus == 0)
        #expect(driver.shell.session.attachedContainer != nil)
        #expect(driver.shell.session.containerPrompt == "/ # ")
        return driver
    }

    @Test func linesThatLookLikeDockerfileInstructionsGoToTheContainerShell() {
        var driver = driverInAlpineShell()
        // `env` and `user` are Dockerfile keywords in the outer REPL; inside they are programs.
        var outputs = driver.feed("env")
        outputs += driver.flush()
        let text = outputs.map(\.result.stdout).joined()
        #expect(text.contains("HOSTNAME="))
        #expect(text.contains("PATH="))
        #expect(driver.shell.session.workspace["/app/Dockerfile"] == nil)
    }

    @Test func dockerInsideTheContainerIsNotFound() {
        var driver = driverInAlpineShell()
        let out = driver.feed("docker ps")
        #expect(out.last?.result.stdout.hasSuffix(": docker: not found\n") == true)
        #expect(out.last?.result.exitStatus == 127)
    }

    @Test func ctrlCKeepsTheContainerShellAndExitReturns() {
        var driver = driverInAlpineShell()
        _ = driver.feed("cat > f <<EOF")
        #expect(driver.assembler.isContinuing)
        driver.interrupt()
        #expect(!driver.assembler.isContinuing)
        #expect(driver.shell.session.attachedContainer != nil)
        let echo = driver.feed("echo inside")
        #expect(echo.last?.result.stdout == "inside\n")
        let exit = driver.feed("exit 2")
        #expect(exit.last?.result.exitStatus == 2)
        #expect(driver.shell.session.attachedContainer == nil)
        let pwd = driver.feed("pwd")
        #expect(pwd.last?.result.stdout == "/app\n")
        #expect(driver.shell.session.lessonContainers.first?.state == .exited(2))
        #expect(driver.shell.session.lessonContainers.first?.name == "box")
    }

    @Test func theContainersFilesystemIsNotTheWorkspace() {
        var driver = driverInAlpineShell()
        _ = driver.feed("echo x > /only-in-container")
        _ = driver.feed("exit")
        #expect(driver.shell.session.workspace["/only-in-container"] == nil)
        let diff = driver.feed("docker diff box")
        #expect(diff.last?.result.stdout == "A /only-in-container\n")
    }

    @Test func curlAnswersFromThePublishedServer() {
        var shell = Shell()
        #expect(shell.run(line: "docker run -d -p 8080:80 --name web nginx").exitStatus == 0)
        let page = shell.run(line: "curl http://localhost:8080/")
        #expect(page.stdout.contains("<title>Welcome to nginx!</title>"))
        let missing = shell.run(line: "curl -f localhost:8080/nope.html")
        #expect(missing.exitStatus == 22 && missing.stderr == "curl: (22) The requested URL returned error: 404\n")
        let refused = shell.run(line: "curl localhost:8000")
        #expect(refused == .failure("curl: (7) Failed to connect to localhost port 8000 after 0 ms: Couldn't connect to server\n", status: 7))
        #expect(shell.run(line: "curl example.com").stderr == "curl: (6) Could not resolve host: example.com\n")
        #expect(shell.run(line: "curl -X POST localhost:8080").exitStatus == 2)
        #expect(shell.run(line: "curl localhost:99999").exitStatus == 3)
        #expect(shell.run(line: "docker stop web").stdout == "web\n")
        #expect(shell.run(line: "curl localhost:8080").exitStatus == 7)
        #expect(shell.session.lessonContainers.first?.logs.contains("\"GET / HTTP/1.1\" 200") == true)
    }
}
