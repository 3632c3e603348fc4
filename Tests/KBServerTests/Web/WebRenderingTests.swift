import Foundation
import Testing

@testable import KBServer

@Suite("Article HTML for the pages: Ink fixes and autolinks")
struct WebRenderingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var input: String
        var expected: String
        var testDescription: String { input }
    }

    @Test(
        "MarkdownPreflight closes void elements and turns angle autolinks into links, outside code",
        arguments: [
            Case(input: "line<br>break", expected: "line<br/>break"),
            Case(input: "line<BR >break", expected: "line<BR/>break"),
            Case(input: "already<br/>closed<br />", expected: "already<br/>closed<br />"),
            Case(input: #"an <img src="a.png" alt="a"> image"#, expected: #"an <img src="a.png" alt="a"/> image"#),
            Case(input: "see <https://example.com/a?b=1>.", expected: "see [https://example.com/a?b=1](https://example.com/a?b=1)."),
            Case(input: "mail <mailto:kb@example.com>", expected: "mail [mailto:kb@example.com](mailto:kb@example.com)"),
            Case(input: "code `<br>` stays", expected: "code `<br>` stays"),
            Case(input: "code ``a <br> ` b`` stays <br>", expected: "code ``a <br> ` b`` stays <br/>"),
            Case(input: "```html\n<br>\n<https://x.example>\n```\n<br>", expected: "```html\n<br>\n<https://x.example>\n```\n<br/>"),
            Case(input: "~~~~\n<br>\n```\n<br>\n~~~~\n<br>", expected: "````\n<br>\n```\n<br>\n````\n<br/>"),
            Case(
                input: "1. Check:\n\n   ```bash\n   df -h\n     indented\n   ```\n\n2. Next",
                expected: "1. Check:\n\n```bash\ndf -h\n  indented\n```\n\n2. Next"),
            Case(
                input: "2. Pick:\n\n   | a | b |\n   |---|---|\n   | `<br>` | 2 |\n", expected: "2. Pick:\n\n| a | b |\n|---|---|\n| `<br>` | 2 |\n"),
            Case(input: "```\nnever closed <br>", expected: "```\nnever closed <br>\n```"),
            Case(input: "<breadcrumb> and <brx> stay", expected: "<breadcrumb> and <brx> stay"),
            Case(input: "a < b > c, 権限 <br> エラー", expected: "a < b > c, 権限 <br/> エラー"),
        ])
    func preflight(_ test: Case) {
        #expect(MarkdownPreflight.prepare(test.input) == test.expected)
    }

    @Test(
        "HTMLAutolinker links bare URLs in text, not in links or code, and keeps trailing punctuation out",
        arguments: [
            Case(
                input: "<p>See https://example.com/docs.</p>",
                expected: #"<p>See <a href="https://example.com/docs">https://example.com/docs</a>.</p>"#),
            Case(input: "<p>(http://example.com/a)</p>", expected: #"<p>(<a href="http://example.com/a">http://example.com/a</a>)</p>"#),
            Case(
                input: "<p>https://en.wikipedia.org/wiki/Foo_(bar)</p>",
                expected: #"<p><a href="https://en.wikipedia.org/wiki/Foo_(bar)">https://en.wikipedia.org/wiki/Foo_(bar)</a></p>"#),
            Case(
                input: "<p>q https://x.example/?a=1&amp;b=2</p>",
                expected: #"<p>q <a href="https://x.example/?a=1&amp;b=2">https://x.example/?a=1&amp;b=2</a></p>"#),
            Case(
                input: #"<p><a href="https://a.example">https://a.example</a></p>"#,
                expected: #"<p><a href="https://a.example">https://a.example</a></p>"#),
            Case(input: "<pre><code>curl https://a.example</code></pre>", expected: "<pre><code>curl https://a.example</code></pre>"),
            Case(
                input: "<p><code>https://a.example</code> and xhttps://b.example</p>",
                expected: "<p><code>https://a.example</code> and xhttps://b.example</p>"),
            Case(input: "<p>https:// alone</p>", expected: "<p>https:// alone</p>"),
            Case(input: "<p>日本語https://a.example/日本</p>", expected: "<p>日本語https://a.example/日本</p>"),
            Case(input: "<p>見て: https://a.example/x。</p>", expected: #"<p>見て: <a href="https://a.example/x">https://a.example/x</a>。</p>"#),
        ])
    func autolinks(_ test: Case) {
        #expect(HTMLAutolinker.link(test.input) == test.expected)
    }

    @Test("Markdown after a <br> or a code block indented in a list still renders (Ink alone does not)")
    func inkShortfalls() {
        let markdown = "First<br>line.\n\nSecond **bold**.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
        let html = ArticleRenderer().preflightedHTML(fromMarkdown: markdown)
        #expect(html.contains("<strong>bold</strong>"))
        #expect(html.contains("<table>"))
        #expect(
            !ArticleRenderer().html(fromMarkdown: markdown).contains("<strong>bold</strong>"), "Ink's own behaviour; drop this line once Ink is fixed"
        )

        let list = "1. Check:\n\n   ```bash\n   df -h\n   ```\n\n2. Then **prune**.\n"
        let listHTML = ArticleRenderer().preflightedHTML(fromMarkdown: list)
        #expect(listHTML.contains("<pre><code class=\"language-bash\">df -h\n</code></pre>"))
        #expect(listHTML.contains("<ol start=\"2\"><li>Then <strong>prune</strong>.</li></ol>"))
        #expect(ArticleRenderer().html(fromMarkdown: list).contains("```"), "Ink's own behaviour; drop this line once Ink is fixed")
    }

    @Test("every template parses and renders")
    func templates() {
        for name in WebTemplates.sources.keys {
            #expect(WebTemplates.library.getTemplate(named: name) != nil, "\(name)")
        }
        let t = WebStrings.forLanguage("ja")
        let page = WebViews.NotFoundPage(
            layout: .init(lang: "ja", title: "x"), t: t, message: "<b>m</b>", elsewhere: [], hasElsewhere: false, form: .init(query: "q", lang: "ja"))
        let html = WebTemplates.render("notFound", page)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("&lt;b&gt;m&lt;/b&gt;"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test("every interface language has every string", arguments: WebStrings.languages)
    func strings(lang: String) {
        let strings = WebStrings.forLanguage(lang)
        for child in Mirror(reflecting: strings).children {
            if let text = child.value as? String { #expect(!text.isEmpty, "\(lang).\(child.label ?? "?")") }
        }
        #expect(!strings.resultCount(3).isEmpty)
        #expect(strings.tagHeading("docker").contains("docker"))
    }

    @Test("URLs built from slugs, tags and queries are percent-encoded")
    func paths() {
        #expect(WebPaths.article(lang: "en", slug: "guides/docker login") == "/a/en/guides/docker%20login")
        #expect(WebPaths.tag("c++ & <x>") == "/tags/c%2B%2B%20%26%20%3Cx%3E")
        #expect(WebPaths.search(query: "a&b=c #d", lang: "ja") == "/?q=a%26b%3Dc%20%23d&lang=ja")
        #expect(WebPaths.tag("권한", lang: "ko", offset: 50) == "/tags/%EA%B6%8C%ED%95%9C?lang=ko&offset=50")
    }
}
