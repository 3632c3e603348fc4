import Foundation

/// A parsed article, ready to be stored.
public struct Article: Sendable, Hashable {
    public var lang: String
    public var slug: String
    public var title: String
    public var summary: String
    public var bodyMarkdown: String
    public var bodyText: String
    public var tags: [Tag]
    public var sourcePath: String
    public var contentHash: String
    public var date: String?
    public var updated: String?
    public var author: String?
    public var isDraft: Bool
    public var translationKey: String
    public var errors: [ExtractedError]

    public init(
        lang: String, slug: String, title: String, summary: String = "", bodyMarkdown: String, bodyText: String,
        tags: [Tag] = [], sourcePath: String, contentHash: String, date: String? = nil, updated: String? = nil,
        author: String? = nil, isDraft: Bool = false, translationKey: String? = nil, errors: [ExtractedError] = []
    ) {
        self.lang = lang
        self.slug = slug
        self.title = title
        self.summary = summary
        self.bodyMarkdown = bodyMarkdown
        self.bodyText = bodyText
        self.tags = tags
        self.sourcePath = sourcePath
        self.contentHash = contentHash
        self.date = date
        self.updated = updated
        self.author = author
        self.isDraft = isDraft
        self.translationKey = translationKey ?? slug
        self.errors = errors
    }
}

/// A tag: a normalized key (`github-actions`) and the display name as written (`GitHub Actions`).
public struct Tag: Sendable, Hashable, Codable {
    public var key: String
    public var name: String
    public init(key: String, name: String) {
        self.key = key
        self.name = name
    }
    /// A tag from its display name, or nil when nothing is left after normalization.
    public init?(name: String) {
        let key = Tag.key(for: name)
        guard !key.isEmpty else { return nil }
        self.key = key
        self.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// NFKC, case-folded, spaces and underscores as `-`: "GitHub Actions", "github_actions" and "github-actions" meet.
    public static func key(for name: String) -> String {
        let folded = name.precomposedStringWithCompatibilityMapping.lowercased()
        var out = ""
        var lastDash = true
        for ch in folded.unicodeScalars {
            if ch == " " || ch == "_" || ch == "-" || ch == "\t" || ch == "\u{3000}" {
                if !lastDash { out.append("-"); lastDash = true }
            } else if ch.properties.isWhitespace || ch == "\u{0}" {
                continue
            } else {
                out.unicodeScalars.append(ch)
                lastDash = false
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }
}
