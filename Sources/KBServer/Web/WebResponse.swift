import Foundation
import HTTPTypes
import Hummingbird

/// How the web pages answer: HTML or assets with a strong `ETag` (`304` on a matching `If-None-Match`), a
/// Content-Security-Policy, and caching that never lets a shared cache keep a page that shows pasted text.
enum WebResponse {
    enum Caching: Sendable {
        /// Pages showing a user's pasted text: kept by no cache.
        case noStore
        /// Pages and assets that may change with the index or a new release: revalidated after `maxAge` seconds.
        case revalidate(maxAge: Int)
        /// Versioned asset URLs (`?v=<fingerprint>`): kept for a year.
        case immutable
    }

    enum Framing: Sendable {
        /// Pages that no other site may frame.
        case deny
        /// The `/embed` page: framed by the allowed origins (every origin with `*`).
        case allow(origins: [String])
    }

    /// The policy of kb's pages: only kb's own stylesheet, script and connections; images from kb or https; no
    /// plugins, no `<base>`, forms post only to kb.
    static func contentSecurityPolicy(framing: Framing) -> String {
        let ancestors: String
        switch framing {
        case .deny:
            ancestors = "'none'"
        case .allow(let origins):
            let cleaned = origins.filter { $0 == "*" || $0.hasPrefix("http://") || $0.hasPrefix("https://") }
            ancestors = cleaned.isEmpty || cleaned.contains("*") ? "*" : cleaned.joined(separator: " ")
        }
        return
            "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' https: data:; connect-src 'self'; "
            + "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors \(ancestors)"
    }

    static func html(
        _ html: String, request: Request, status: HTTPResponse.Status = .ok, caching: Caching, framing: Framing = .deny,
        language: String? = nil, varyOnLanguage: Bool = false
    ) -> Response {
        var headers: HTTPFields = [:]
        headers[.contentSecurityPolicy] = contentSecurityPolicy(framing: framing)
        if case .deny = framing { headers[.kbXFrameOptions] = "DENY" }
        headers[.xContentTypeOptions] = "nosniff"
        // Search URLs carry pasted errors: never send them to another site.
        headers[.kbReferrerPolicy] = "same-origin"
        if let language { headers[.contentLanguage] = language }
        if varyOnLanguage { headers[.vary] = "Accept-Language" }
        return bytes(Array(html.utf8), contentType: "text/html; charset=utf-8", request: request, status: status, caching: caching, headers: headers)
    }

    /// A body with its caching headers; a `GET` whose `If-None-Match` names the body's `ETag` gets an empty `304`.
    static func bytes(
        _ body: [UInt8], contentType: String, request: Request, status: HTTPResponse.Status = .ok, caching: Caching, etag: String? = nil,
        headers extra: HTTPFields = [:]
    ) -> Response {
        var headers = extra
        switch caching {
        case .noStore:
            headers[.cacheControl] = "no-store"
        case .revalidate(let maxAge):
            headers[.cacheControl] = "public, max-age=\(maxAge)"
        case .immutable:
            headers[.cacheControl] = "public, max-age=31536000, immutable"
        }
        if status == .ok, !isNoStore(caching) {
            let tag = etag ?? EntityTag.strong(for: body)
            headers[.eTag] = tag
            if let condition = request.headers[.ifNoneMatch], EntityTag.matches(tag, ifNoneMatch: condition) {
                return Response(status: .notModified, headers: headers, body: .init())
            }
        }
        return Response.bytes(body, contentType: contentType, status: status, headers: headers)
    }

    private static func isNoStore(_ caching: Caching) -> Bool {
        if case .noStore = caching { return true }
        return false
    }
}

extension HTTPField.Name {
    /// `X-Frame-Options`, for browsers that predate CSP `frame-ancestors`.
    static var kbXFrameOptions: Self { Self("X-Frame-Options")! }
    /// `Referrer-Policy`.
    static var kbReferrerPolicy: Self { Self("Referrer-Policy")! }
}
