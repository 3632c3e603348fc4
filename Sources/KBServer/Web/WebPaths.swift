import Foundation

/// The URLs of the web pages, percent-encoded: a slug or tag from the database, or text from a query, never changes a
/// link's path or adds a parameter.
enum WebPaths {
    /// Unreserved characters (RFC 3986): everything else in a path segment or a query value is percent-encoded.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encodeComponent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// `/a/{lang}/{slug}`; the slug's `/` separate path segments.
    static func article(lang: String, slug: String) -> String {
        "/a/" + encodeComponent(lang) + "/"
            + slug.split(separator: "/", omittingEmptySubsequences: false).map { encodeComponent(String($0)) }.joined(separator: "/")
    }

    /// `/tags/{tag}` with an optional language filter.
    static func tag(_ tag: String, lang: String? = nil, offset: Int = 0) -> String {
        "/tags/" + encodeComponent(tag) + query([("lang", lang), ("offset", offset > 0 ? String(offset) : nil)])
    }

    /// `/tags`, with the interface language when it is not English.
    static func tags(lang: String?, uiLang: String? = nil) -> String {
        "/tags" + query([("lang", lang ?? uiLang)])
    }

    /// `/?q=…&lang=…`.
    static func search(query text: String? = nil, lang: String? = nil) -> String {
        "/" + query([("q", text), ("lang", lang)])
    }

    /// `/embed?error=…&lang=…`.
    static func embed(error: String, lang: String?) -> String {
        "/embed" + query([("error", error), ("lang", lang)])
    }

    /// `?a=1&b=2` of the pairs whose value is present and not empty, or "".
    static func query(_ pairs: [(String, String?)]) -> String {
        let parts = pairs.compactMap { name, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return encodeComponent(name) + "=" + encodeComponent(value)
        }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }
}
