import Foundation

extension ArticleRenderer {
    /// An article body as sanitized HTML, with the Markdown that Ink 0.6 mishandles rewritten first
    /// (`MarkdownPreflight`: code blocks and tables indented in list items, `~~~` fences, `<br>`, `<https://…>`) and
    /// bare `http(s)` URLs linked after (`HTMLAutolinker`), as GitHub-flavoured Markdown does.
    ///
    /// The web pages use it. Without the preflight, Ink runs a code block indented in a list item (as every article
    /// under Content/ has) on to the end of the article.
    public func preflightedHTML(fromMarkdown markdown: String) -> String {
        HTMLAutolinker.link(html(fromMarkdown: MarkdownPreflight.prepare(markdown)))
    }
}
