import Foundation

/// The static files of the web pages, compiled into the binary (so an installed `kb` serves them from any directory):
/// the stylesheet, the pages' script, the embeddable help widget and the icon. Each carries a strong `ETag`, and the
/// pages link them with `?v=<version>` so browsers may keep them for a year.
enum WebAssets {
    struct Asset: Sendable {
        let bytes: [UInt8]
        let contentType: String
        /// The strong entity tag of `bytes`.
        let etag: String

        init(_ text: String, contentType: String) {
            bytes = Array(text.utf8)
            self.contentType = contentType
            etag = EntityTag.strong(for: bytes)
        }

        /// A short fingerprint of the content, for cache-busting URLs.
        var version: String { String(etag.dropFirst().prefix(10)) }
    }

    static let css = Asset(stylesheet, contentType: "text/css; charset=utf-8")
    static let script = Asset(siteScript, contentType: "text/javascript; charset=utf-8")
    static let embed = Asset(embedScript, contentType: "text/javascript; charset=utf-8")
    static let icon = Asset(favicon, contentType: "image/svg+xml")

    /// The files under `/assets/`.
    static let files: [String: Asset] = ["kb.css": css, "kb.js": script, "favicon.svg": icon]

    /// The versioned URL of a file under `/assets/`.
    static func url(_ name: String) -> String {
        guard let asset = files[name] else { return "/assets/\(name)" }
        return "/assets/\(name)?v=\(asset.version)"
    }
}
