import Foundation

/// Turns bare `http://` and `https://` URLs in the text of sanitized HTML into links, as GitHub-flavoured Markdown
/// does (Ink leaves them as text). Text inside `<a>`, `<pre>` and `<code>` is left alone, and trailing punctuation
/// stays outside the link. A URL also ends at the first non-ASCII character, so Japanese and Korean punctuation
/// written right after it (`。`, `）`, `、`) is not swallowed.
///
/// ```swift
/// HTMLAutolinker.link("<p>See https://example.com/docs.</p>")
/// // <p>See <a href="https://example.com/docs">https://example.com/docs</a>.</p>
/// ```
enum HTMLAutolinker {
    /// Elements whose text is never linked.
    static let skipped: Set<String> = ["a", "pre", "code"]

    static func link(_ html: String) -> String {
        guard html.contains("http://") || html.contains("https://") else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count + 64)
        var depth: [String: Int] = [:]
        var rest = Substring(html)
        while !rest.isEmpty {
            guard let open = rest.firstIndex(of: "<") else {
                out += linkText(rest, depth: depth)
                break
            }
            out += linkText(rest[..<open], depth: depth)
            let close = rest[open...].firstIndex(of: ">").map { rest.index(after: $0) } ?? rest.endIndex
            let tag = rest[open..<close]
            out += tag
            if let (name, isClosing) = tagName(tag), skipped.contains(name) {
                depth[name, default: 0] += isClosing ? -1 : 1
                if depth[name, default: 0] < 0 { depth[name] = 0 }
            }
            rest = rest[close...]
        }
        return out
    }

    private static func tagName(_ tag: Substring) -> (String, Bool)? {
        var body = tag.dropFirst()
        let isClosing = body.first == "/"
        if isClosing { body = body.dropFirst() }
        let name = body.prefix { $0.isASCII && $0.isLetter }
        return name.isEmpty ? nil : (name.lowercased(), isClosing)
    }

    private static func linkText(_ text: Substring, depth: [String: Int]) -> String {
        guard depth.values.allSatisfy({ $0 == 0 }), text.contains("http") else { return String(text) }
        var out = ""
        var rest = text
        while let start = rest.firstRange(of: /https?:\/\//) {
            let before = rest[..<start.lowerBound]
            // Only at a word boundary: "xhttps://" is not a URL.
            if let last = before.last, last.isLetter || last.isNumber {
                out += rest[..<start.upperBound]
                rest = rest[start.upperBound...]
                continue
            }
            out += before
            var end = rest[start.lowerBound...].firstIndex { $0.isWhitespace || !$0.isASCII || $0 == "<" || $0 == "\"" || $0 == "'" } ?? rest.endIndex
            var url = rest[start.lowerBound..<end]
            while let last = url.last, ".,:;!?*_~".contains(last) || (last == ")" && !url.contains("(")) {
                url = url.dropLast()
            }
            // "&gt;" and friends end a URL too (text is HTML-escaped).
            if let entity = url.firstRange(of: /&(gt|lt|quot);/) { url = url[..<entity.lowerBound] }
            end = url.endIndex
            if url.count > rest[start].count {
                out += "<a href=\"\(url)\">\(url)</a>"
            } else {
                out += url
            }
            rest = rest[end...]
        }
        out += rest
        return out
    }
}
