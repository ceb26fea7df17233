import Testing
@testable import Lessons

@Suite struct RenderTests {
    let markdown = """
    # Title

    Some *emphasis*, **strong** words, `inline code` and a [link](https://docs.docker.com/).

    - first item
      continues here
    - second with `code`
    1. numbered

    > a quote

    ```dockerfile
    FROM python:3.13-slim
    ```

    ```check
    image hello:1 exists
    ```

    ```solution
    docker build -t hello:1 .
    ```

    ```hint
    secret hint
    ```
    """

    @Test func plain() {
        let text = MarkdownRenderer.render(markdown, options: RenderOptions(width: 80, color: false))
        #expect(text == """
            Title
            =====

            Some emphasis, strong words, `inline code` and a link
            (https://docs.docker.com/).

              - first item continues here
              - second with `code`
              1. numbered

            | a quote

                FROM python:3.13-slim
            """)
    }

    @Test func colour() {
        let text = MarkdownRenderer.render("## Step\n\nSome *it* **bold** `code` here.\n\n```\nls\n```", options: RenderOptions(width: 80, color: true))
        #expect(text == "\u{1B}[1;34mStep\u{1B}[0m\n\nSome \u{1B}[3mit\u{1B}[0m \u{1B}[1mbold\u{1B}[0m \u{1B}[36mcode\u{1B}[0m here.\n\n    \u{1B}[36mls\u{1B}[0m")
    }

    @Test func machineBlocksAreNeverShown() {
        for color in [true, false] {
            let text = MarkdownRenderer.render(markdown, options: RenderOptions(width: 80, color: color))
            #expect(!text.contains("image hello:1 exists"))
            #expect(!text.contains("docker build"))
            #expect(!text.contains("secret hint"))
        }
    }

    @Test func wrapsToTheWidthCountingVisibleCharactersOnly() {
        let paragraph = "The build cache keeps every layer it made, and `docker build -t hello:1 .` reuses them when **nothing** changed."
        let plain = MarkdownRenderer.render(paragraph, options: RenderOptions(width: 30, color: false))
        #expect(plain == """
            The build cache keeps every
            layer it made, and
            `docker build -t hello:1 .`
            reuses them when nothing
            changed.
            """)
        let coloured = MarkdownRenderer.render(paragraph, options: RenderOptions(width: 30, color: true))
        let visible = coloured.replacingOccurrences(of: "\u{1B}[1m", with: "").replacingOccurrences(of: "\u{1B}[36m", with: "")
            .replacingOccurrences(of: "\u{1B}[0m", with: "")
        #expect(visible.split(separator: "\n").allSatisfy { $0.count <= 30 })
        #expect(visible.split(separator: "\n").count == 5)
    }

    @Test func listItemsWrapWithAHangingIndent() {
        let text = MarkdownRenderer.render("- one two three four five six seven", options: RenderOptions(width: 20, color: false))
        #expect(text == "  - one two three\n    four five six\n    seven")
    }

    @Test func snakeCaseAndUnmatchedMarkersStayLiteral() {
        let text = MarkdownRenderer.render("Use my_app_name and 2 * 3 and a lone `tick.", options: RenderOptions(width: 80, color: false))
        #expect(text == "Use my_app_name and 2 * 3 and a lone `tick.")
    }

    @Test func longHeadingsWrap() {
        #expect(MarkdownRenderer.render("## A heading that is long", options: RenderOptions(width: 20, color: false))
                == "A heading that is\nlong\n=================")
        #expect(MarkdownRenderer.render("## A heading that is long", options: RenderOptions(width: 20, color: true))
                == "\u{1B}[1;34mA heading that is\u{1B}[0m\n\u{1B}[1;34mlong\u{1B}[0m")
    }

    @Test func headingsKeepLiteralMarkers() {
        #expect(MarkdownRenderer.render("## Use \\*two\\* and `a_b*`", options: RenderOptions(width: 40, color: false))
                == "Use *two* and a_b*\n==================")
    }

    @Test func blankCodeLinesHaveNoTrailingSpaces() {
        #expect(MarkdownRenderer.render("```\na\n\nb\n```", options: RenderOptions(width: 20, color: false)) == "    a\n\n    b")
    }

    @Test func codeBlocksAreNotWrapped() {
        let long = String(repeating: "x", count: 50)
        let text = MarkdownRenderer.render("```\n\(long)\n```", options: RenderOptions(width: 20, color: false))
        #expect(text == "    " + long)
    }
}
