import Foundation

/// Keeps only harmless HTML: an allow-list of formatting tags and attributes, URLs limited to `http`, `https`,
/// `mailto` and relative ones. Scripts, styles, frames and embedded documents are removed with their content, every
/// other tag is removed (its text stays), comments are dropped, and a `<` that does not start a tag becomes `&lt;`.
///
/// ```swift
/// HTMLSanitizer().sanitize(#"<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x()">link</a></p>"#)
/// // <p>Hi <a>link</a></p>
/// ```
///
/// It works on Markdown renderer output, where authors may write raw HTML; it is not a general HTML parser, and it
/// errs on the side of removing.
public struct HTMLSanitizer: Sendable {
    public init() {}

    /// Tags kept, with the attributes kept on each.
    static let allowed: [String: Set<String>] = {
        var tags: [String: Set<String>] = [
            "a": ["href", "title"],
            "img": ["src", "alt", "title", "width", "height"],
            "code": ["class"],
            "ol": ["start"],
            "th": ["align", "colspan", "rowspan"],
            "td": ["align", "colspan", "rowspan"],
            "abbr": ["title"],
        ]
        for tag in [
            "p", "br", "hr", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "li", "blockquote", "em", "strong", "b", "i", "u", "s",
            "del", "ins", "sup", "sub", "table", "thead", "tbody", "tfoot", "tr", "caption", "dl", "dt", "dd", "kbd", "samp", "var",
            "mark", "span", "div", "details", "summary", "figure", "figcaption", "small", "q", "cite",
        ] {
            tags[tag] = []
        }
        return tags
    }()

    /// Elements removed together with their content (when their end tag is present).
    static let removedWithContent: Set<String> = [
        "script", "style", "iframe", "object", "embed", "applet", "template", "noscript", "textarea", "title", "xmp", "noembed",
        "noframes", "plaintext", "svg", "math", "frameset", "frame", "select", "button", "form", "head",
    ]

    static let voidElements: Set<String> = ["br", "hr", "img"]
    static let urlAttributes: Set<String> = ["href", "src"]
    static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    public func sanitize(_ html: String) -> String {
        let input = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            let byte = input[i]
            guard byte == UInt8(ascii: "<") else {
                out.append(byte)
                i += 1
                continue
            }
            if Self.hasPrefix(input, at: i, "<!--") {
                i = Self.find(input, "-->", from: i + 4).map { $0 + 3 } ?? input.count
                continue
            }
            let next = i + 1 < input.count ? input[i + 1] : 0
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                i = (input[i...].firstIndex(of: UInt8(ascii: ">")) ?? input.count - 1) + 1
                continue
            }
            let isClosing = next == UInt8(ascii: "/")
            let nameStart = isClosing ? i + 2 : i + 1
            guard nameStart < input.count, Self.isASCIILetter(input[nameStart]), let tag = Self.parseTag(input, nameStart: nameStart) else {
                out += Array("&lt;".utf8)
                i += 1
                continue
            }
            i = tag.end
            if isClosing {
                if Self.allowed[tag.name] != nil && !Self.voidElements.contains(tag.name) {
                    out += Array("</\(tag.name)>".utf8)
                }
                continue
            }
            if Self.removedWithContent.contains(tag.name) {
                if let close = Self.findClosingTag(input, name: tag.name, from: i) { i = close }
                continue
            }
            guard let allowedAttributes = Self.allowed[tag.name] else { continue }
            var element = "<" + tag.name
            for (name, value) in tag.attributes where allowedAttributes.contains(name) {
                if Self.urlAttributes.contains(name) && !Self.isSafeURL(value) { continue }
                element += " \(name)=\"\(Self.escapeAttribute(value))\""
            }
            element += ">"
            out += Array(element.utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Tags

    struct ParsedTag {
        var name: String
        var attributes: [(String, String)]
        var end: Int  // index after '>'
    }

    /// Parses `name attr="v" …>` starting at the tag name; nil when there is no closing `>`.
    static func parseTag(_ input: [UInt8], nameStart: Int) -> ParsedTag? {
        var i = nameStart
        while i < input.count, isASCIILetter(input[i]) || isASCIIDigit(input[i]) { i += 1 }
        let name = String(decoding: input[nameStart..<i], as: UTF8.self).lowercased()
        var attributes: [(String, String)] = []
        while i < input.count {
            let byte = input[i]
            if byte == UInt8(ascii: ">") { return ParsedTag(name: name, attributes: attributes, end: i + 1) }
            if isSpace(byte) || byte == UInt8(ascii: "/") {
                i += 1
                continue
            }
            let attributeStart = i
            while i < input.count, !isSpace(input[i]), input[i] != UInt8(ascii: "/"), input[i] != UInt8(ascii: ">"), input[i] != UInt8(ascii: "=") {
                i += 1
            }
            let attributeName = String(decoding: input[attributeStart..<i], as: UTF8.self).lowercased()
            while i < input.count, isSpace(input[i]) { i += 1 }
            var value = ""
            if i < input.count, input[i] == UInt8(ascii: "=") {
                i += 1
                while i < input.count, isSpace(input[i]) { i += 1 }
                guard i < input.count else { return nil }
                let quote = input[i]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    guard let close = input[(i + 1)...].firstIndex(of: quote) else { return nil }
                    value = String(decoding: input[(i + 1)..<close], as: UTF8.self)
                    i = close + 1
                } else {
                    let valueStart = i
                    while i < input.count, !isSpace(input[i]), input[i] != UInt8(ascii: ">") { i += 1 }
                    value = String(decoding: input[valueStart..<i], as: UTF8.self)
                }
            }
            if !attributeName.isEmpty { attributes.append((attributeName, decodeEntities(value))) }
        }
        return nil
    }

    /// The index after `</name …>` (case-insensitive), or nil.
    static func findClosingTag(_ input: [UInt8], name: String, from start: Int) -> Int? {
        let needle = Array("</\(name)".utf8)
        var i = start
        while i + needle.count <= input.count {
            if input[i] == UInt8(ascii: "<"), zip(needle, input[i..<(i + needle.count)]).allSatisfy({ lower($0.0) == lower($0.1) }) {
                let after = i + needle.count
                if after == input.count || !isASCIILetter(input[after]) && !isASCIIDigit(input[after]) {
                    return (input[after...].firstIndex(of: UInt8(ascii: ">")) ?? input.count - 1) + 1
                }
            }
            i += 1
        }
        return nil
    }

    // MARK: - URLs and entities

    /// True for relative URLs and `http`, `https` and `mailto` ones, judged after entity decoding and with the
    /// whitespace and control characters browsers ignore removed.
    static func isSafeURL(_ value: String) -> Bool {
        let compact = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
        guard let colon = compact.firstIndex(of: ":") else { return true }
        let beforeColon = compact[..<colon]
        if beforeColon.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { return true }
        return allowedSchemes.contains(beforeColon.lowercased())
    }

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t", "newline": "\n", "nbsp": "\u{A0}",
        "lpar": "(", "rpar": ")", "sol": "/", "period": ".", "comma": ",",
    ]

    /// Decodes numeric and common named character references (`&#106;`, `&#x6A;`, `&colon;`), with or without `;`.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            var cursor = rest.index(after: amp)
            var replacement: String?
            if cursor < rest.endIndex, rest[cursor] == "#" {
                cursor = rest.index(after: cursor)
                var isHex = false
                if cursor < rest.endIndex, rest[cursor] == "x" || rest[cursor] == "X" {
                    isHex = true
                    cursor = rest.index(after: cursor)
                }
                let digitsStart = cursor
                while cursor < rest.endIndex, isHex ? rest[cursor].isHexDigit : rest[cursor].isWholeNumber, rest[cursor].isASCII {
                    cursor = rest.index(after: cursor)
                }
                let digits = rest[digitsStart..<cursor]
                if !digits.isEmpty {
                    let value = UInt32(digits.prefix(8), radix: isHex ? 16 : 10) ?? 0xFFFD
                    replacement = String(Character(Unicode.Scalar(value) ?? "\u{FFFD}"))
                }
            } else {
                let nameStart = cursor
                while cursor < rest.endIndex, rest[cursor].isASCII, rest[cursor].isLetter { cursor = rest.index(after: cursor) }
                replacement = namedEntities[rest[nameStart..<cursor].lowercased()]
            }
            if let replacement {
                out += replacement
                if cursor < rest.endIndex, rest[cursor] == ";" { cursor = rest.index(after: cursor) }
                rest = rest[cursor...]
            } else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
            }
        }
        out += rest
        return out
    }

    static func escapeAttribute(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for character in value {
            switch character {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }

    // MARK: - Bytes

    static func hasPrefix(_ input: [UInt8], at index: Int, _ prefix: String) -> Bool {
        let bytes = Array(prefix.utf8)
        return index + bytes.count <= input.count && Array(input[index..<(index + bytes.count)]) == bytes
    }

    static func find(_ input: [UInt8], _ needle: String, from start: Int) -> Int? {
        let bytes = Array(needle.utf8)
        var i = start
        while i + bytes.count <= input.count {
            if input[i] == bytes[0], Array(input[i..<(i + bytes.count)]) == bytes { return i }
            i += 1
        }
        return nil
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
    static func isASCIIDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D }
    static func lower(_ byte: UInt8) -> UInt8 { isASCIILetter(byte) ? byte | 0x20 : byte }
}
