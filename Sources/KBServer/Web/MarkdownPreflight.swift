import Foundation

/// Rewrites the Markdown constructs that Ink 0.6 mishandles, before Ink sees them. Each one, left alone, breaks
/// not just itself but the rest of the article:
///
/// - a fenced code block indented inside a list item (Ink finds a closing fence only at column 0, so the block runs
///   on through the following sections) or written with `~~~` (which Ink does not know): it is lifted to column 0
///   with a backtick fence longer than any backtick run inside it;
/// - a table indented inside a list item: lifted to column 0, where Ink renders it;
/// - a void HTML element written without `/` (`<br>`, `<img src="…">`): Ink looks for its end tag and turns the
///   rest of the article into raw HTML. It becomes `<br/>`;
/// - an angle-bracket autolink (`<https://example.com>`): Ink reads it as an HTML tag (and the sanitizer then drops
///   it). It becomes `[https://example.com](https://example.com)`.
///
/// The text inside code blocks and inline code spans is left exactly as written. (A lifted block ends the list it
/// sat in; Ink numbers the next items with `<ol start>`.)
///
/// ```swift
/// MarkdownPreflight.prepare("Line<br>break, see <https://example.com>.")
/// // Line<br/>break, see [https://example.com](https://example.com).
/// ```
enum MarkdownPreflight {
    static func prepare(_ markdown: String) -> String {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        out.reserveCapacity(lines.count + 4)
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if let fence = Fence(opening: body) {
                var content: [String] = []
                var next = index + 1
                var isClosed = false
                while next < lines.count {
                    let candidate = lines[next]
                    let candidateIndent = candidate.prefix { $0 == " " }.count
                    if candidateIndent <= indent + 3, fence.isClosed(by: candidate.dropFirst(candidateIndent)) {
                        isClosed = true
                        break
                    }
                    content.append(String(candidate.dropFirst(min(indent, candidateIndent))))
                    next += 1
                }
                let longestInnerRun = content.map(longestBacktickRun).max() ?? 0
                let ticks = String(repeating: "`", count: max(3, fence.character == "`" ? fence.length : 3, longestInnerRun + 1))
                out.append(ticks + fence.info)
                out += content
                out.append(ticks)
                index = isClosed ? next + 1 : next
                continue
            }
            if indent > 0, body.hasPrefix("|") {
                out.append(rewriteOutsideCodeSpans(body))
            } else {
                out.append(rewriteOutsideCodeSpans(line))
            }
            index += 1
        }
        return out.joined(separator: "\n")
    }

    /// A code fence: three or more backticks or tildes, and an info string (the language).
    struct Fence {
        var character: Character
        var length: Int
        var info: String

        init?(opening text: Substring) {
            guard let first = text.first, first == "`" || first == "~" else { return nil }
            let run = text.prefix { $0 == first }.count
            let info = text.dropFirst(run).trimmingCharacters(in: .whitespaces)
            // A backtick fence's info string may not contain a backtick (that is inline code).
            guard run >= 3, first == "~" || !info.contains("`") else { return nil }
            character = first
            length = run
            self.info = info
        }

        func isClosed(by text: Substring) -> Bool {
            let run = text.prefix { $0 == character }.count
            return run >= length && text.dropFirst(run).allSatisfy(\.isWhitespace)
        }
    }

    static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0
        var current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    /// Rewrites the text of `line` outside backtick code spans.
    static func rewriteOutsideCodeSpans(_ line: Substring) -> String {
        guard line.contains("<") else { return String(line) }
        var out = ""
        var rest = line
        while let tick = rest.firstIndex(of: "`") {
            out += rewrite(rest[..<tick])
            let run = rest[tick...].prefix { $0 == "`" }
            let afterRun = rest[run.endIndex...]
            // The span ends at the next run of exactly as many backticks; without one, the backticks are text.
            if let close = closingRun(of: run.count, in: afterRun) {
                out += rest[tick..<close]
                rest = rest[close...]
            } else {
                out += run
                rest = afterRun
            }
        }
        out += rewrite(rest)
        return out
    }

    private static func closingRun(of length: Int, in text: Substring) -> Substring.Index? {
        var index = text.startIndex
        while let tick = text[index...].firstIndex(of: "`") {
            let run = text[tick...].prefix { $0 == "`" }
            if run.count == length { return run.endIndex }
            index = run.endIndex
        }
        return nil
    }

    private static func rewrite(_ text: Substring) -> String {
        guard text.contains("<") else { return String(text) }
        var result = String(text)
        result = result.replacing(/<((?:https?|mailto):[^\s<>]+)>/.ignoresCase()) { match in
            "[\(match.output.1)](\(match.output.1))"
        }
        // The void elements of HTML.
        result = result.replacing(/<(area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr)(\s[^<>]*?)?\s*>/.ignoresCase()) { match in
            let whole = String(match.output.0)
            guard !whole.hasSuffix("/>") else { return whole }
            return String(whole.dropLast()).trimmingCharacters(in: .whitespaces) + "/>"
        }
        return result
    }
}
