import Foundation
import TOMLKit
import Yams

/// The metadata block at the top of an article: YAML between `---` lines, TOML between `+++` lines,
/// a Pelican/MultiMarkdown header of `Key: value` lines ending at the first blank line, or none.
public struct FrontMatter: Sendable {
    public enum Format: String, Sendable { case yaml, toml, pelican, none }

    /// A front matter value, reduced to what articles use.
    public enum Value: Sendable, Hashable {
        case string(String)
        case list([String])
        case bool(Bool)
        case number(Double)

        /// The value as text (a list joined with ", ").
        public var text: String {
            switch self {
            case .string(let s): s
            case .list(let l): l.joined(separator: ", ")
            case .bool(let b): b ? "true" : "false"
            case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
            }
        }
        /// The value as a list: a list as is; a string split on commas.
        public var list: [String] {
            switch self {
            case .list(let l): l
            case .string(let s): s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            default: [text]
            }
        }
    }

    public var format: Format
    /// Keys lower-cased, as written otherwise.
    public var fields: [String: Value]
    /// The 1-based line of each key in the file (for messages).
    public var lines: [String: Int]
    /// The text after the front matter.
    public var body: Substring
    /// The 1-based line of the file where `body` starts.
    public var bodyLine: Int

    public subscript(_ keys: String...) -> Value? {
        for key in keys { if let v = fields[key] { return v } }
        return nil
    }

    /// The line of the first of `keys` that is present, else the first line of the front matter.
    public func line(of keys: String...) -> Int {
        for key in keys { if let l = lines[key] { return l } }
        return 1
    }

    /// Keys the Pelican/MultiMarkdown header may start with.
    static let pelicanKeys: Set<String> = [
        "title", "date", "modified", "category", "tags", "summary", "slug", "lang", "language", "author", "authors",
        "status", "keywords", "translation", "save_as", "url", "description",
    ]

    /// Splits `text` into front matter and body. Throws `FrontMatterError` with the line of a syntax error.
    public static func parse(_ text: String) throws(FrontMatterError) -> FrontMatter {
        // Only the head of the file is split into lines (on UTF-8 bytes: fast): the front matter is at the top.
        var lines: [Substring] = []
        var starts: [String.Index] = []
        var index = text.startIndex
        let utf8 = text.utf8
        while index < text.endIndex && lines.count < 400 {
            starts.append(index)
            let newline = utf8[index...].firstIndex(of: 10) ?? text.endIndex
            var end = newline
            if end > index, utf8[utf8.index(before: end)] == 13 { end = utf8.index(before: end) }
            lines.append(text[index..<end])
            index = newline < text.endIndex ? utf8.index(after: newline) : newline
        }
        starts.append(index)
        func bodyAfter(line n: Int) -> Substring {
            // The text after the first n lines.
            n < starts.count ? text[starts[n]...] : text[text.endIndex...]
        }
        guard let first = lines.first else {
            return FrontMatter(format: .none, fields: [:], lines: [:], body: text[...], bodyLine: 1)
        }
        let firstTrimmed = first.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{FEFF}", with: "")
        if firstTrimmed == "---" || firstTrimmed == "+++" {
            guard let close = lines.dropFirst().firstIndex(where: {
                let t = $0.trimmingCharacters(in: .whitespaces)
                return t == firstTrimmed || (firstTrimmed == "---" && t == "...")
            }) else {
                throw FrontMatterError(line: 1, message: "front matter opened with \(firstTrimmed) is never closed; add a \(firstTrimmed) line after it")
            }
            let source = lines[1..<close].joined(separator: "\n")
            let body = bodyAfter(line: close + 1)
            if firstTrimmed == "---" {
                let (fields, keyLines) = try parseYAML(source, firstLine: 2)
                return FrontMatter(format: .yaml, fields: fields, lines: keyLines, body: body, bodyLine: close + 2)
            } else {
                let (fields, keyLines) = try parseTOML(source, firstLine: 2)
                return FrontMatter(format: .toml, fields: fields, lines: keyLines, body: body, bodyLine: close + 2)
            }
        }
        if let (key, _) = pelicanField(first), pelicanKeys.contains(key) {
            var fields: [String: Value] = [:]
            var keyLines: [String: Int] = [:]
            var lastKey: String?
            var n = 0
            while n < lines.count {
                let line = lines[n]
                if line.trimmingCharacters(in: .whitespaces).isEmpty { break }
                if let (key, value) = pelicanField(line) {
                    fields[key] = .string(value)
                    keyLines[key] = n + 1
                    lastKey = key
                } else if let key = lastKey, line.first == " " || line.first == "\t", case .string(let previous)? = fields[key] {
                    // A MultiMarkdown continuation line.
                    fields[key] = .string(previous + " " + line.trimmingCharacters(in: .whitespaces))
                } else {
                    break
                }
                n += 1
            }
            return FrontMatter(format: .pelican, fields: fields, lines: keyLines, body: bodyAfter(line: n), bodyLine: n + 1)
        }
        return FrontMatter(format: .none, fields: [:], lines: [:], body: text[...], bodyLine: 1)
    }

    /// `Key: value` → (lower-cased key, trimmed value).
    static func pelicanField(_ line: Substring) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let key = line[..<colon]
        guard let head = key.first, head.isASCII, head.isLetter, key.count <= 32,
            key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == " ") })
        else { return nil }
        let rest = line[line.index(after: colon)...]
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        return (key.lowercased().trimmingCharacters(in: .whitespaces), rest.trimmingCharacters(in: .whitespaces))
    }

    static func parseYAML(_ source: String, firstLine: Int) throws(FrontMatterError) -> ([String: Value], [String: Int]) {
        let loaded: Any?
        do {
            // An explicit encoding: Yams' `.default` reads the whole process environment on every call.
            loaded = try Yams.load(yaml: source, .default, .default, .utf8)
        } catch {
            let (line, message) = describeYAMLError(error)
            throw FrontMatterError(line: firstLine + max(0, line - 1), message: "invalid YAML front matter: \(message)")
        }
        guard let loaded else { return ([:], [:]) }
        guard let mapping = loaded as? [String: Any] else {
            throw FrontMatterError(line: firstLine, message: "YAML front matter must be a mapping of keys to values")
        }
        var fields: [String: Value] = [:]
        for (key, value) in mapping {
            if let v = convert(value) { fields[key.lowercased()] = v }
        }
        return (fields, keyLines(source, firstLine: firstLine, separator: ":"))
    }

    static func parseTOML(_ source: String, firstLine: Int) throws(FrontMatterError) -> ([String: Value], [String: Int]) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: source)
        } catch let error as TOMLParseError {
            throw FrontMatterError(line: firstLine + max(0, error.source.begin.line - 1), message: "invalid TOML front matter: \(error.description)")
        } catch {
            throw FrontMatterError(line: firstLine, message: "invalid TOML front matter: \(error)")
        }
        var fields: [String: Value] = [:]
        for key in table.keys {
            if let value = table[key], let v = convert(toml: value) { fields[key.lowercased()] = v }
        }
        return (fields, keyLines(source, firstLine: firstLine, separator: "="))
    }

    /// The line of each top-level key (best effort, for messages).
    static func keyLines(_ source: String, firstLine: Int, separator: Character) -> [String: Int] {
        var out: [String: Int] = [:]
        for (n, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let first = line.first, !first.isWhitespace, first != "#", let sep = line.firstIndex(of: separator) else { continue }
            let key = line[..<sep].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'")).lowercased()
            if out[key] == nil { out[key] = firstLine + n }
        }
        return out
    }

    static func convert(_ value: Any) -> Value? {
        switch value {
        case let s as String: return .string(s)
        case let b as Bool: return .bool(b)
        case let i as Int: return .number(Double(i))
        case let d as Double: return .number(d)
        case let date as Date: return .string(DateParser.iso8601(date))
        case let list as [Any]: return .list(list.compactMap { convert($0)?.text })
        case let map as [String: Any]:
            // Nested mappings (e.g. MDN's `l10n:`) are kept as text.
            return .string(map.keys.sorted().joined(separator: ", "))
        default: return nil
        }
    }

    static func convert(toml value: TOMLValueConvertible) -> Value? {
        if let s = value.string { return .string(s) }
        if let b = value.bool { return .bool(b) }
        if let i = value.int { return .number(Double(i)) }
        if let d = value.double { return .number(d) }
        if let dt = value.dateTime {
            var text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", dt.date.year, dt.date.month, dt.date.day, dt.time.hour, dt.time.minute, dt.time.second)
            if let offset = dt.offset?.offset {
                text += offset == 0 ? "Z" : String(format: "%@%02d:%02d", offset < 0 ? "-" : "+", abs(offset) / 60, abs(offset) % 60)
            }
            return .string(text)
        }
        if let d = value.date { return .string(String(format: "%04d-%02d-%02d", d.year, d.month, d.day)) }
        if let array = value.array {
            var items: [String] = []
            for i in 0..<array.count { if let v = convert(toml: array[i]) { items.append(v.text) } }
            return .list(items)
        }
        return nil
    }

    /// Yams errors print as "line:column: error: ..."; keep the line and the readable part.
    static func describeYAMLError(_ error: Error) -> (Int, String) {
        let text = String(describing: error)
        let parts = text.split(separator: ":", maxSplits: 2)
        if parts.count == 3, let line = Int(parts[0].trimmingCharacters(in: .whitespaces)) {
            let message = parts[2].split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "syntax error"
            return (line, message.replacingOccurrences(of: "error: ", with: ""))
        }
        return (1, text.split(separator: "\n").first.map(String.init) ?? "syntax error")
    }
}

/// A syntax error in front matter, at a 1-based line of the file.
public struct FrontMatterError: Error, Sendable, Equatable {
    public var line: Int
    public var message: String
}
