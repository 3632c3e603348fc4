import Foundation
import Ink

/// Renders an article's Markdown body to HTML that is safe to put in a page: Ink renders it, then `HTMLSanitizer`
/// removes scripts, event-handler attributes, `javascript:` URLs and every tag outside a small formatting allow-list
/// (authors may write raw HTML in Markdown). Used by the article API and by the web pages.
///
/// ```swift
/// let html = ArticleRenderer().html(fromMarkdown: "## Fix\n\nRun `npm config set prefix ~/.npm-global`.")
/// // <h2>Fix</h2><p>Run <code>npm config set prefix ~/.npm-global</code>.</p>
/// ```
public struct ArticleRenderer: Sendable {
    public let sanitizer: HTMLSanitizer

    public init(sanitizer: HTMLSanitizer = HTMLSanitizer()) {
        self.sanitizer = sanitizer
    }

    public func html(fromMarkdown markdown: String) -> String {
        sanitizer.sanitize(MarkdownParser().html(from: markdown))
    }
}
