import Foundation

/// A problem with one file, as `path:line: message`.
public struct IngestIssue: Error, Sendable, Hashable, CustomStringConvertible, Codable {
    public enum Severity: String, Sendable, Codable { case error, warning }
    public var path: String
    public var line: Int
    public var message: String
    public var severity: Severity

    public init(path: String, line: Int, message: String, severity: Severity = .error) {
        self.path = path
        self.line = line
        self.message = message
        self.severity = severity
    }

    public var description: String {
        "\(path):\(line): \(severity == .warning ? "warning: " : "")\(message)"
    }
}

/// Turns one file's bytes into an `Article`: front matter, language, slug, tags, dates, plain text, error signatures.
public struct ArticleParser: Sendable {
    /// Front matter keys kb understands (others are kept out of the article and warned about by `kb lint`).
    public static let knownKeys: Set<String> = [
        "title", "slug", "lang", "language", "locale", "date", "updated", "modified", "lastmod", "author", "authors",
        "summary", "description", "tags", "categories", "category", "keywords", "draft", "status", "errors",
        "translationkey", "translation_key",
    ]

    /// Bump when parsing or text extraction changes what is stored: every file is re-ingested on the next run.
    public static let version = 3

    public init() {}

    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - path: the path shown in messages and stored as the article's source (relative to where kb runs, as given).
    ///   - relativePath: the path relative to the content root, with `/` separators (for the default slug).
    /// - Returns: the article and any warnings; throws the first error as an `IngestIssue`.
    public func parse(data: Data, path: String, relativePath: String) throws(IngestIssue) -> (Article, [IngestIssue]) {
        var warnings: [IngestIssue] = []
        if data.isEmpty { throw IngestIssue(path: path, line: 1, message: "file is empty") }
        if data.prefix(8192).contains(0) { throw IngestIssue(path: path, line: 1, message: "file looks binary (it contains NUL bytes); only UTF-8 text articles are read") }
        guard let text = String(validating: data, as: UTF8.self) else {
            let line = Self.firstInvalidUTF8Line(data)
            throw IngestIssue(path: path, line: line, message: "file is not valid UTF-8 text; re-save it as UTF-8")
        }
        if text.allSatisfy({ $0.isWhitespace }) { throw IngestIssue(path: path, line: 1, message: "file is empty (only whitespace)") }

        let front: FrontMatter
        do {
            front = try FrontMatter.parse(text)
        } catch {
            throw IngestIssue(path: path, line: error.line, message: error.message)
        }
        var body = front.body
        var bodyLine = front.bodyLine
        var title = front["title"]?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if title.isEmpty {
            // No title: the first non-empty line (a `# heading` loses its marker) is the title, the rest is the body.
            var rest = body[...]
            while let nl = rest.firstIndex(of: "\n") ?? (rest.isEmpty ? nil : rest.endIndex) {
                let line = rest[rest.startIndex..<nl]
                let next = nl < rest.endIndex ? rest.index(after: nl) : nl
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty {
                    if front.format != .none && !trimmed.hasPrefix("#") {
                        break  // front matter without a title, and the body does not start with a heading
                    }
                    title = trimmed.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
                    body = rest[next...]
                    bodyLine += 1
                    break
                }
                bodyLine += 1
                rest = rest[next...]
                if next == nl { break }
            }
            if title.isEmpty {
                let line = front.format == .none ? 1 : front.line(of: "title")
                throw IngestIssue(
                    path: path, line: line,
                    message: front.format == .none ? "no title: the file has no non-empty line" : "front matter has no \"title\"; add a line such as title: \"GHCR push is denied\"")
            }
        }

        // Language: front matter, then a locale folder in the path, then the script of the body.
        var lang: String?
        if let value = front["lang", "language", "locale"]?.text {
            if let primary = LanguageCode.primary(of: value) {
                lang = primary
            } else {
                warnings.append(IngestIssue(path: path, line: front.line(of: "lang", "language", "locale"), message: "\"\(value)\" is not a language tag such as en, ja-JP or ko; the language is taken from the path or the text", severity: .warning))
            }
        }
        if lang == nil {
            // The locale folder nearest the content root (MDN's files/ja/web/api/element/id/ is Japanese, not
            // Indonesian), then the folders of the root itself, nearest first.
            let inside = relativePath.split(separator: "/").dropLast()
            let outside = path.split(separator: "/").dropLast(inside.count + 1).reversed()
            lang = (Array(inside) + Array(outside)).lazy.compactMap { LanguageCode.fromPathComponent(String($0)) }.first
        }
        let resolvedLang = lang ?? LanguageCode.detect(text: body)

        // Slug: front matter, else the relative path without extension and trailing /index.
        var slug = front["slug"]?.text.trimmingCharacters(in: .whitespaces) ?? ""
        slug = slug.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        if slug.isEmpty {
            var rel = relativePath
            // A locale folder (`en/`, `ja-jp/`, MDN's `files/ko/`) names the language, not the topic:
            // the slug starts after it, so translations in sibling folders share their slug.
            let folders = rel.split(separator: "/").dropLast()
            if let locale = folders.firstIndex(where: { LanguageCode.fromPathComponent(String($0)) != nil }) {
                rel = rel.split(separator: "/")[(locale + 1)...].joined(separator: "/")
            }
            if let dot = rel.lastIndex(of: "."), !rel[dot...].contains("/") { rel = String(rel[..<dot]) }
            if rel.lowercased().hasSuffix("/index") { rel = String(rel.dropLast(6)) }
            if rel.lowercased() == "index" { rel = "index" }
            slug = rel
        }
        if slug.contains(where: { $0.isNewline || $0 == "\0" }) {
            throw IngestIssue(path: path, line: front.line(of: "slug"), message: "slug must be one line of text")
        }

        // Tags from tags, categories, category, keywords.
        var tags: [Tag] = []
        var seen = Set<String>()
        for key in ["tags", "categories", "category", "keywords"] {
            for name in front.fields[key]?.list ?? [] {
                if let tag = Tag(name: name), seen.insert(tag.key).inserted { tags.append(tag) }
            }
        }

        func date(_ keys: String...) -> String? {
            for key in keys {
                guard let value = front.fields[key]?.text, !value.isEmpty else { continue }
                if let normalized = DateParser.normalize(value) { return normalized }
                warnings.append(IngestIssue(path: path, line: front.line(of: key), message: "\(key) \"\(value)\" is not a date (use 2026-11-22 or 2026-11-22T10:00:00Z); ignored", severity: .warning))
                return nil
            }
            return nil
        }
        let created = date("date")
        let updated = date("updated", "modified", "lastmod")

        var isDraft = false
        switch front["draft"] {
        case .bool(let b)?: isDraft = b
        case .string(let s)?: isDraft = ["true", "yes", "1"].contains(s.lowercased())
        default: break
        }
        if let status = front["status"]?.text.lowercased(), status == "draft" || status == "hidden" { isDraft = true }

        let bodyMarkdown = String(body)
        let bodyText = MarkdownText.plainText(body)
        let summary = front["summary", "description"]?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let declared = front["errors"]?.list ?? []
        var errors = ErrorExtractor.extract(markdown: bodyMarkdown, declared: declared).map { error -> ExtractedError in
            var error = error
            if error.line > 0 { error.line += bodyLine - 1 }
            return error
        }
        // A title that reads as an error message is one (troubleshooting articles are often titled by their error).
        if ErrorLineClassifier.score(title) >= 0.5, let signature = ErrorSignature(line: title), !errors.contains(where: { $0.signature.hash == signature.hash }) {
            errors.append(ExtractedError(raw: title, source: .title, line: front.line(of: "title"), signature: signature))
        }
        let article = Article(
            lang: resolvedLang, slug: slug, title: title, summary: summary, bodyMarkdown: bodyMarkdown, bodyText: bodyText,
            tags: tags, sourcePath: path, contentHash: "", date: created, updated: updated,
            author: front["author", "authors"]?.text, isDraft: isDraft,
            translationKey: front["translationkey", "translation_key"]?.text.trimmingCharacters(in: .whitespaces).nilIfEmpty,
            errors: errors)
        return (article, warnings)
    }

    static func firstInvalidUTF8Line(_ data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        for (i, byte) in zip(data.indices, data) where byte == 10 {
            if String(validating: data[start..<i], as: UTF8.self) == nil { return line }
            line += 1
            start = i + 1
        }
        return line
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
