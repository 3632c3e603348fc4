import Foundation
import KBCore
import Testing

/// MDN macros, HTML, images and links must not pollute the indexed text; the words people search for stay.
@Suite struct MarkdownTextTests {
    @Test(
        "markup is dropped and the words are kept",
        arguments: [
            (#"This is a {{jsxref("TypeError")}}."#, "This is a TypeError."),
            (#"See {{jsxref("Global_Objects/Array", "Array")}} and {{jsxref("Global_Objects/Map")}}."#, "See Array and Map."),
            (#"{{jsSidebar("Errors")}}"#, ""),
            (#"{{EmbedInteractiveExample("pages/js/errors.html", "shorter")}}"#, ""),
            (#"Use {{HTTPStatus("403")}} here."#, "Use 403 here."),
            ("Read [the guide](https://example.com/docs/guide?x=1) first.", "Read the guide first."),
            ("Read [the guide][ref] first.\n\n[ref]: https://example.com/hidden-url", "Read the guide first."),
            ("![error dialog](/images/screenshot-403.png)", "error dialog"),
            (#"<div class="notecard warning">Careful</div>"#, "Careful"),
            ("Before<script>var trackingSecret = 1;</script>After", "Before After"),
            ("<style>.hidden { color: red }</style>Shown", "Shown"),
            ("Text <!-- a translator's comment --> more", "Text  more"),
            ("## Heading\n\n> quoted *text*", "Heading\n\nquoted *text*"),
            ("AT&amp;T &lt;tag&gt; &#x41;", "AT&T <tag> A"),
            ("```text\ndenied: permission_denied: write_package\n```", "denied: permission_denied: write_package"),
        ])
    func plainText(_ markdown: String, _ text: String) {
        #expect(MarkdownText.plainText(markdown) == text)
    }

    @Test("the ingested MDN article's body_text keeps the words and none of the markup")
    func ingestedMDNArticle() throws {
        let test = try TestDatabase()
        try test.ingest(Fixtures.url("articles/languages"))
        let bodyText = try #require(try test.scalar("SELECT body_text FROM articles WHERE slug = 'web/javascript/reference/errors/not_a_function'"))
        for kept in ["TypeError", "is not a function", "함수", "함수 안내서", "오류 화면", "MDN 용어 사전", #"TypeError: "x" is not a function"#] {
            #expect(bodyText.contains(kept), "body_text keeps \(kept)")
        }
        for dropped in [
            "{{", "}}", "jsxref", "jsSidebar", "EmbedInteractiveExample", "<div", "notecard", "</div>", ".png", "/shared-assets",
            "/ko/docs", "https://", "trackingPixelSecret", "<script", "translators", "<!--", "```",
        ] {
            #expect(!bodyText.contains(dropped), "body_text must not contain \(dropped)")
        }
        // The Markdown is kept as written for display.
        let bodyMarkdown = try #require(
            try test.scalar("SELECT body_markdown FROM articles WHERE slug = 'web/javascript/reference/errors/not_a_function'"))
        #expect(bodyMarkdown.contains(#"{{jsxref("TypeError")}}"#))
    }
}
