import Foundation

/// Markdown → the plain text kb indexes and cuts snippets from: the words people search for, without markup.
///
/// Keeps prose and code (error lines live in code blocks); drops fence lines, HTML tags, comments, `<script>`/`<style>`
/// contents, link targets and reference definitions, image URLs, and MDN-style `{{macro(...)}}` calls (keeping the
/// display text of cross-reference macros such as `{{jsxref("TypeError")}}`). Works on bytes in one pass.
public enum MarkdownText {
    public static func plainText(_ markdown: some StringProtocol) -> String {
        var input = Array(markdown.utf8)
        input.append(10)
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var state = State()
        var lineStart = 0
        var i = 0
        input.withUnsafeBufferPointer { bytes in
            while i < bytes.count {
                if bytes[i] == 10 {
                    var end = i
                    if end > lineStart, bytes[end - 1] == 13 { end -= 1 }
                    processLine(bytes, lineStart, end, &state, &out)
                    lineStart = i + 1
                }
                i += 1
            }
        }
        while out.last == 10 || out.last == 32 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    struct State {
        var fence: (byte: UInt8, count: Int)? = nil
        var inComment = false
        var inRawBlock: [UInt8]? = nil  // closing tag of <script>/<style> being skipped
        var blankLines = 0
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 }

    static func processLine(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ state: inout State, _ out: inout [UInt8]) {
        var p = start
        var indent = 0
        while p < end, isSpace(s[p]) {
            indent += s[p] == 9 ? 4 : 1
            p += 1
        }
        // Fenced code: keep the content, drop the fence lines.
        if indent < 4, p < end, s[p] == 96 || s[p] == 126 {
            var q = p
            while q < end, s[q] == s[p] { q += 1 }
            let count = q - p
            if count >= 3 {
                if let fence = state.fence {
                    if fence.byte == s[p], count >= fence.count, (q..<end).allSatisfy({ isSpace(s[$0]) }) { state.fence = nil }
                } else {
                    state.fence = (s[p], count)
                }
                return
            }
        }
        if state.fence != nil {
            emit(s, start, end, &state, &out)
            return
        }
        if p == end {
            if !state.inComment && state.inRawBlock == nil { blank(&state, &out) }
            return
        }
        // Link reference definitions: `[ref]: https://...`.
        if indent < 4, s[p] == 91, let close = find(s, 93, from: p + 1, to: end), close + 1 < end, s[close + 1] == 58 {
            return
        }
        if indent >= 4 {  // indented code
            emit(s, start, end, &state, &out)
            return
        }
        // Headings and block quotes lose their markers.
        while p < end, s[p] == 62 {
            p += 1
            while p < end, isSpace(s[p]) { p += 1 }
        }
        if p < end, s[p] == 35 {
            var q = p
            while q < end, s[q] == 35 { q += 1 }
            if q == end || isSpace(s[q]) {
                p = q
                while p < end, isSpace(s[p]) { p += 1 }
            }
        }
        inline(s, p, end, &state, &out)
    }

    static func blank(_ state: inout State, _ out: inout [UInt8]) {
        state.blankLines += 1
        if state.blankLines == 1, !out.isEmpty { out.append(10) }
    }

    static func emit(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ state: inout State, _ out: inout [UInt8]) {
        if start == end || (start..<end).allSatisfy({ isSpace(s[$0]) }) {
            blank(&state, &out)
            return
        }
        state.blankLines = 0
        out.append(contentsOf: UnsafeBufferPointer(rebasing: s[start..<end]))
        out.append(10)
    }

    static func find(_ s: UnsafeBufferPointer<UInt8>, _ byte: UInt8, from: Int, to: Int) -> Int? {
        var i = from
        while i < to {
            if s[i] == byte { return i }
            i += 1
        }
        return nil
    }

    static func find(_ s: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], from: Int, to: Int, caseInsensitive: Bool = false) -> Int? {
        guard !needle.isEmpty, to - from >= needle.count else { return nil }
        var i = from
        while i + needle.count <= to {
            var j = 0
            while j < needle.count {
                var b = s[i + j]
                if caseInsensitive, b >= 65, b <= 90 { b += 32 }
                if b != needle[j] { break }
                j += 1
            }
            if j == needle.count { return i }
            i += 1
        }
        return nil
    }

    static let commentOpen: [UInt8] = Array("<!--".utf8)
    static let commentClose: [UInt8] = Array("-->".utf8)
    static let linkDisplayMacros: Set<String> = [
        "glossary", "htmlelement", "httpheader", "httpmethod", "httpstatus", "svgelement", "svgattr", "event", "mathmlelement",
        "rfc", "cssxref", "jsxref", "domxref", "htmlattrxref", "webextapiref", "deprecated_inline", "experimental_inline",
    ]

    /// Inline markup: macros, HTML, links and images; text is copied through.
    /// `endsLine` is false for the text of a link or image, which continues the line it is in.
    static func inline(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ state: inout State, _ out: inout [UInt8], endsLine: Bool = true) {
        let mark = out.count
        var i = start
        while i < end {
            if state.inComment {
                guard let close = find(s, commentClose, from: i, to: end) else { return }
                state.inComment = false
                i = close + 3
                continue
            }
            if let closing = state.inRawBlock {
                guard let close = find(s, closing, from: i, to: end, caseInsensitive: true) else { return }
                state.inRawBlock = nil
                i = (find(s, 62, from: close + closing.count, to: end) ?? end - 1) + 1  // past the closing tag's >
                continue
            }
            let b = s[i]
            switch b {
            case 123 where i + 1 < end && s[i + 1] == 123:  // {{macro(...)}}
                guard let close = find(s, Array("}}".utf8), from: i + 2, to: end) else {
                    out.append(b)
                    i += 1
                    continue
                }
                macroText(s, i + 2, close, &out)
                i = close + 2
            case 60:  // <
                if find(s, commentOpen, from: i, to: min(end, i + 4)) == i {
                    state.inComment = true
                    i += 4
                    continue
                }
                guard i + 1 < end, let close = find(s, 62, from: i + 1, to: end) else {
                    out.append(b)
                    i += 1
                    continue
                }
                let next = s[i + 1]
                let isTag = (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next == 47 || next == 33
                if !isTag {
                    out.append(b)
                    i += 1
                    continue
                }
                // <script> and <style> contents are never text.
                var name: [UInt8] = []
                var k = i + 1
                while k < close, (s[k] >= 65 && s[k] <= 90) || (s[k] >= 97 && s[k] <= 122) || (s[k] >= 48 && s[k] <= 57) {
                    name.append(s[k] | 0x20)
                    k += 1
                }
                if name == Array("script".utf8) || name == Array("style".utf8) {
                    state.inRawBlock = Array("</".utf8) + name
                }
                if !out.isEmpty, out.last != 32, out.last != 10 { out.append(32) }
                i = close + 1
            case 33 where i + 1 < end && s[i + 1] == 91:  // ![alt](url)
                if let (textEnd, after) = link(s, i + 1, end) {
                    inline(s, i + 2, textEnd, &state, &out, endsLine: false)
                    i = after
                } else {
                    out.append(b)
                    i += 1
                }
            case 91:  // [text](url) or [text][ref]
                if let (textEnd, after) = link(s, i, end) {
                    inline(s, i + 1, textEnd, &state, &out, endsLine: false)
                    i = after
                } else {
                    out.append(b)
                    i += 1
                }
            case 38:  // &entity;
                if let semi = find(s, 59, from: i + 1, to: min(end, i + 8)), let decoded = entity(s, i + 1, semi) {
                    out.append(contentsOf: decoded)
                    i = semi + 1
                } else {
                    out.append(b)
                    i += 1
                }
            default:
                out.append(b)
                i += 1
            }
        }
        guard endsLine else { return }
        if out.count > mark, out[mark...].contains(where: { $0 != 32 && $0 != 9 }) {
            state.blankLines = 0
            out.append(10)
        } else {
            out.removeSubrange(mark...)
        }
    }

    /// `[text](target)` or `[text][ref]` starting at `open`: (end of text, index after the link).
    static func link(_ s: UnsafeBufferPointer<UInt8>, _ open: Int, _ end: Int) -> (Int, Int)? {
        var depth = 0
        var i = open
        while i < end {
            if s[i] == 91 { depth += 1 } else if s[i] == 93 {
                depth -= 1
                if depth == 0 { break }
            }
            i += 1
        }
        guard i < end, i + 1 < end else { return nil }
        let textEnd = i
        if s[i + 1] == 40 {  // (
            var parens = 0
            var j = i + 1
            while j < end {
                if s[j] == 40 { parens += 1 } else if s[j] == 41 {
                    parens -= 1
                    if parens == 0 { return (textEnd, j + 1) }
                }
                j += 1
            }
            return nil
        }
        if s[i + 1] == 91, let close = find(s, 93, from: i + 2, to: end) { return (textEnd, close + 1) }
        return nil
    }

    /// The display text of a macro call such as `jsxref("Array.prototype.map()", "map()")`; nothing for others.
    static func macroText(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ out: inout [UInt8]) {
        var i = start
        while i < end, isSpace(s[i]) { i += 1 }
        var name: [UInt8] = []
        while i < end, s[i] != 40, !isSpace(s[i]) {
            name.append(s[i] >= 65 && s[i] <= 90 ? s[i] + 32 : s[i])
            i += 1
        }
        let nameText = String(decoding: name, as: UTF8.self)
        guard nameText.hasSuffix("xref") || linkDisplayMacros.contains(nameText) else { return }
        // Collect quoted arguments.
        var args: [[UInt8]] = []
        while i < end {
            let q = s[i]
            if q == 34 || q == 39 {
                var j = i + 1
                var arg: [UInt8] = []
                while j < end, s[j] != q {
                    arg.append(s[j])
                    j += 1
                }
                args.append(arg)
                i = j + 1
            } else {
                i += 1
            }
        }
        guard var text = args.count >= 2 && !args[1].isEmpty && !args[1].allSatisfy({ $0 >= 48 && $0 <= 57 }) ? args[1] : args.first else { return }
        // jsxref("Global_Objects/Array") shows "Array".
        if args.count < 2, let slash = text.lastIndex(of: 47) { text = Array(text[(slash + 1)...]) }
        if let last = out.last, last != 32, last != 10, last != 40 { out.append(32) }
        out.append(contentsOf: text)
    }

    static func entity(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [UInt8]? {
        let name = String(decoding: UnsafeBufferPointer(rebasing: s[start..<end]), as: UTF8.self)
        switch name {
        case "amp": return [38]
        case "lt": return [60]
        case "gt": return [62]
        case "quot": return [34]
        case "apos", "#39": return [39]
        case "nbsp": return [32]
        default:
            if name.hasPrefix("#x"), let v = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) { return Array(String(u).utf8) }
            if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) { return Array(String(u).utf8) }
            return nil
        }
    }
}
