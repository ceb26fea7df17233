import Testing
@testable import DockerCLI

private let image = TemplateValue.object(TemplateObject(typeName: "*formatter.ImageContext", fields: [
    .init("ID", "9b2f1c0d7e4a"), .init("Repository", "myapp"), .init("Tag", "latest"),
    .init("Size", "163MB"),
    .init("Config", .object(TemplateObject(typeName: "*container.Config", fields: [
        .init("Cmd", .strings(["python", "app.py"])), .init("Env", .strings(["PATH=/usr/bin", "A=<b>"])),
        .init("Labels", .map(["b": "2", "a": "1"])), .init("Entrypoint", .null),
    ]))),
]))

private let headers = ["ID": "IMAGE ID", "Repository": "REPOSITORY", "Tag": "TAG", "Size": "SIZE"]

@Suite struct TemplateTests {
    func run(_ format: String, _ data: TemplateValue = image) throws -> String {
        try GoTemplate(format).execute(data)
    }

    @Test func fieldsAndText() throws {
        #expect(try run("{{.Repository}}:{{.Tag}}") == "myapp:latest")
        #expect(try run("{{ .ID }}") == "9b2f1c0d7e4a")
    }

    @Test func nestedFieldsUseGoPrinting() throws {
        #expect(try run("{{.Config.Cmd}}") == "[python app.py]")
        #expect(try run("{{.Config.Labels}}") == "map[a:1 b:2]")
        #expect(try run("{{.Config.Entrypoint}}") == "<nil>")
        #expect(try run("{{.Config.Labels.a}}") == "1")
        #expect(try run("{{.Config.Labels.zz}}") == "<no value>")
    }

    @Test func jsonFunction() throws {
        #expect(try run("{{json .Config.Cmd}}") == "[\"python\",\"app.py\"]")
        #expect(try run("{{json .Config.Env}}") == "[\"PATH=/usr/bin\",\"A=\\u003cb\\u003e\"]")
        #expect(try run("{{json .Config.Entrypoint}}") == "null")
        #expect(try run("{{json .Config.Labels}}") == "{\"a\":\"1\",\"b\":\"2\"}")
        #expect(try run("{{json .Tag}}") == "\"latest\"")
    }

    @Test func functionsAndPipelines() throws {
        #expect(try run("{{upper .Tag}} {{.Repository | upper}}") == "LATEST MYAPP")
        #expect(try run("{{join .Config.Cmd \", \"}}") == "python, app.py")
        #expect(try run("{{truncate .ID 4}}") == "9b2f")
        #expect(try run("{{range .Config.Cmd}}<{{.}}>{{end}}") == "<python><app.py>")
        #expect(try run("{{if .Config.Entrypoint}}yes{{else}}no{{end}}") == "no")
        #expect(try run("{{len .Config.Cmd}}") == "2")
        #expect(try run("{{/* comment */}}a  {{- .Tag -}}  b") == "alatestb")
    }

    @Test func unknownFieldIsAnExecutionError() {
        #expect(throws: TemplateError(message: "template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.ImageContext", isParseError: false)) {
            try run("{{.Foo}}")
        }
    }

    @Test func parseErrorsInDockerWording() {
        do {
            _ = try GoTemplate("{{foo .ID}}")
            Issue.record("expected an error")
        } catch {
            #expect(error.dockerMessage == "template parsing error: template: :1: function \"foo\" not defined")
        }
        #expect(throws: TemplateError(message: "template: :1: unclosed action", isParseError: true)) { try GoTemplate("{{.ID") }
        #expect(throws: TemplateError.self) { try GoTemplate("{{$x := .ID}}") }
        #expect(throws: TemplateError.self) { try GoTemplate("{{if .ID}}x") }
        #expect(throws: TemplateError.self) { try GoTemplate("{{end}}") }
    }

    @Test func deeplyNestedRangeDoesNotCrash() throws {
        let nested = String(repeating: "{{range .}}", count: 200) + String(repeating: "{{end}}", count: 200)
        let data = TemplateValue.list([.list([.list([])])])
        _ = try? GoTemplate(nested).execute(data)
    }

    @Test func tableFormatWithHeaders() throws {
        let f = DockerFormat("table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}")
        #expect(try f.render(rows: [image], headers: headers) == """
            REPOSITORY   TAG       IMAGE ID
            myapp        latest    9b2f1c0d7e4a

            """)
        #expect(try f.render(rows: [], headers: headers) == "REPOSITORY   TAG       IMAGE ID\n")
    }

    @Test func nonTableFormatHasNoHeader() throws {
        #expect(try DockerFormat("{{.ID}}\\t{{json .Tag}}").render(rows: [image, image], headers: headers)
            == "9b2f1c0d7e4a\t\"latest\"\n9b2f1c0d7e4a\t\"latest\"\n")
    }

    @Test func prettyJSON() {
        let v = TemplateValue.list([.object(TemplateObject(typeName: "x", fields: [
            .init("Id", "sha256:ab"), .init("RepoTags", .strings(["a:1"])), .init("Empty", .list([])),
            .init("Labels", .null), .init("Config", .map([:])), .init("Size", .int(42)),
        ]))])
        #expect(GoJSON.indented(v) == """
            [
                {
                    "Id": "sha256:ab",
                    "RepoTags": [
                        "a:1"
                    ],
                    "Empty": [],
                    "Labels": null,
                    "Config": {},
                    "Size": 42
                }
            ]
            """)
    }
}

private struct Pet: TemplateRepresentable {
    var name: String
    var templateValue: TemplateValue {
        .object(TemplateObject(typeName: "*main.pet", fields: [.init("Name", .string(name))]))
    }
}

@Suite struct TemplateRepresentableTests {
    @Test func anyViewModelCanFeedAFormat() throws {
        #expect(try DockerFormat("table {{.Name}}").render([Pet(name: "rex"), Pet(name: "tom")], headers: ["Name": "NAME"])
            == "NAME\nrex\ntom\n")
    }
}
