import Foundation

/// Checks article files without touching a database: required keys, unknown keys (with a suggestion), duplicate
/// (lang, slug), missing translations, `errors:` entries that normalize to nothing or collide with another topic's,
/// links to articles that do not exist, invalid dates.
public struct Linter: Sendable {
    public static let requiredKeys = ["title", "slug", "lang", "date", "summary", "tags", "errors"]

    public init() {}

    public func lint(roots: [String]) -> [IngestIssue] {
        var issues: [IngestIssue] = []
        var files: [Ingestor.SourceFile] = []
        for root in roots {
            let (found, issue) = Ingestor.walk(root: root)
            if let issue { issues.append(issue) }
            files += found
        }
        struct Entry { var path: String; var article: Article; var front: FrontMatter; var text: String }
        var entries: [Entry] = []
        let parser = ArticleParser()
        for file in files {
            guard let data = try? Data(contentsOf: file.url) else {
                issues.append(IngestIssue(path: file.path, line: 0, message: "cannot read file"))
                continue
            }
            do {
                let (article, warnings) = try parser.parse(data: data, path: file.path, relativePath: file.relative)
                // Lint is stricter than ingest: a bad date is an error here.
                issues += warnings.map { w in
                    var w = w
                    if w.message.contains("is not a date") { w.severity = .error }
                    return w
                }
                let text = String(decoding: data, as: UTF8.self)
                let front = (try? FrontMatter.parse(text)) ?? FrontMatter(format: .none, fields: [:], lines: [:], body: ""[...], bodyLine: 1)
                entries.append(Entry(path: file.path, article: article, front: front, text: text))
            } catch {
                issues.append(error)
            }
        }
        var bySlug: [String: String] = [:]
        var topics: [String: Set<String>] = [:]
        var languages = Set<String>()
        var signatureOwner: [UInt64: (topic: String, path: String, raw: String)] = [:]
        for e in entries {
            let a = e.article
            if e.front.format == .none {
                issues.append(IngestIssue(path: e.path, line: 1, message: "no front matter; start the file with --- and the keys " + Self.requiredKeys.joined(separator: ", ")))
            } else {
                for key in Self.requiredKeys where e.front.fields[key] == nil && !(key == "lang" && (e.front.fields["language"] != nil || e.front.fields["locale"] != nil)) {
                    issues.append(IngestIssue(path: e.path, line: 1, message: "front matter has no \"\(key)\""))
                }
                for key in e.front.fields.keys.sorted() where !ArticleParser.knownKeys.contains(key) {
                    let hint = Self.suggestion(for: key).map { "; did you mean \"\($0)\"?" } ?? ""
                    issues.append(IngestIssue(path: e.path, line: e.front.line(of: key), message: "unknown front matter key \"\(key)\"\(hint)", severity: .warning))
                }
            }
            let k = a.lang + "/" + a.slug.lowercased()
            if let other = bySlug[k] {
                issues.append(IngestIssue(path: e.path, line: e.front.line(of: "slug"), message: "duplicate article \(a.lang)/\(a.slug): \(other) has the same language and slug"))
            } else {
                bySlug[k] = e.path
            }
            topics[a.translationKey.lowercased(), default: []].insert(a.lang)
            languages.insert(a.lang)
            for declared in e.front.fields["errors"]?.list ?? [] {
                guard let signature = ErrorSignature(line: declared) else {
                    issues.append(IngestIssue(path: e.path, line: e.front.line(of: "errors"), message: "errors entry \"\(declared.prefix(80))\" normalizes to nothing; quote the message as the tool prints it"))
                    continue
                }
                let topic = a.translationKey.lowercased()
                if let owner = signatureOwner[signature.hash], owner.topic != topic {
                    issues.append(IngestIssue(path: e.path, line: e.front.line(of: "errors"), message: "errors entry \"\(declared.prefix(80))\" has the same signature as \"\(owner.raw.prefix(80))\" in \(owner.path); a pasted error could not tell the two articles apart"))
                } else if signatureOwner[signature.hash] == nil {
                    signatureOwner[signature.hash] = (topic, e.path, declared)
                }
            }
        }
        for e in entries {
            let have = topics[e.article.translationKey.lowercased()] ?? []
            if have.count > 0, e.article.lang == have.sorted().first {
                for missing in languages.subtracting(have).sorted() {
                    issues.append(IngestIssue(path: e.path, line: 1, message: "topic \"\(e.article.translationKey)\" has no \(missing) translation (it exists in \(have.sorted().joined(separator: ", ")))", severity: .warning))
                }
            }
            // Links to other articles: /a/<lang>/<slug>.
            for (n, line) in e.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                var rest = line[...]
                while let r = rest.range(of: "](/a/") {
                    let target = rest[r.upperBound...].prefix { $0 != ")" && $0 != " " && $0 != "#" && $0 != "?" }
                    if let slash = target.firstIndex(of: "/") {
                        let k = target[..<slash].lowercased() + "/" + target[target.index(after: slash)...].lowercased()
                        if bySlug[k] == nil {
                            issues.append(IngestIssue(path: e.path, line: n + 1, message: "link to /a/\(target) points to no article"))
                        }
                    }
                    rest = rest[r.upperBound...]
                }
            }
        }
        return issues.sorted { ($0.path, $0.line) < ($1.path, $1.line) }
    }

    /// The known key closest to `key` (edit distance ≤ 3), if any.
    static func suggestion(for key: String) -> String? {
        let candidates = ArticleParser.knownKeys.map { ($0, editDistance(key, $0)) }.filter { $0.1 <= max(1, min(3, key.count / 2)) }
        return candidates.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
