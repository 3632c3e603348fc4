import Foundation
import Testing

@testable import KBServer

@Suite("ArticleRenderer and HTMLSanitizer")
struct HTMLSanitizerTests {
    static let hostile: [String] = [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<scr<script>ipt>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"x\" ONERROR=\"alert(1)\">",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\" &#14; javascript:alert(1)\">x</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript&colon;alert(1)\">x</a>",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<a href=javascript:alert(1)>x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<svg/onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<body onload=alert(1)>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<!--<img src=x onerror=alert(1)>-->",
        "<a href=\"https://ok.example\" onclick=\"alert(1)\">ok</a>",
        "[link](javascript:alert(1))",
        "![img](javascript:alert(1))",
        "<details open ontoggle=alert(1)>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<p title=\"\" onmouseover=alert(1) \">x</p>",
        "<a href='javascript:alert(1)'>x</a>",
        "<form action=javascript:alert(1)><button>x</button></form>",
    ]

    @Test("nothing executable survives", arguments: hostile)
    func hostileMarkdown(markdown: String) {
        let html = ArticleRenderer().html(fromMarkdown: "Before\n\n" + markdown + "\n\nAfter").lowercased()
        #expect(!html.contains("<script"), "\(html)")
        #expect(!html.contains("javascript:"), "\(html)")
        #expect(!html.contains("vbscript:"), "\(html)")
        #expect(!html.contains("data:text"), "\(html)")
        #expect(!html.contains("<svg") && !html.contains("<iframe") && !html.contains("<object") && !html.contains("<style"), "\(html)")
        #expect(html.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(html)")
        #expect(html.contains("after"), "\(html)")
    }

    @Test("formatting survives: headings, code, lists, tables, safe links and images")
    func formatting() {
        let markdown = """
            ## Fix

            Run `npm config set prefix ~/.npm-global`, then:

            ```sh
            echo "<b>not a tag</b>" && ls
            ```

            - one
            - [two](https://example.com/a?b=1&c=2)

            ![diagram](/images/a.png)

            <kbd>Ctrl</kbd>+<kbd>C</kbd> and <a href="mailto:help@example.com">mail</a>
            """
        let html = ArticleRenderer().html(fromMarkdown: markdown)
        #expect(html.contains("<h2>Fix</h2>"))
        #expect(html.contains("<code>npm config set prefix ~/.npm-global</code>"))
        #expect(html.contains("&lt;b&gt;not a tag&lt;/b&gt;"))
        #expect(html.contains("<li>one</li>"))
        #expect(html.contains(#"<a href="https://example.com/a?b=1&amp;c=2">two</a>"#))
        #expect(html.contains(#"<img src="/images/a.png" alt="diagram">"#))
        #expect(html.contains("<kbd>Ctrl</kbd>"))
        #expect(html.contains(#"<a href="mailto:help@example.com">mail</a>"#))
    }

    @Test("a lone < is text, and an unclosed tag does not eat the rest")
    func malformed() {
        let sanitizer = HTMLSanitizer()
        #expect(sanitizer.sanitize("a < b and c<d") == "a &lt; b and c&lt;d")
        #expect(sanitizer.sanitize("<p>x<script>never closed") == "<p>xnever closed")
        #expect(sanitizer.sanitize("<a href=\"x") == "&lt;a href=\"x")
    }
}
