import Foundation
import HTTPTypes
import Hummingbird

/// CORS for embedding: answers preflight requests and adds `Access-Control-Allow-Origin` when the request's origin is
/// allowed (every origin with `["*"]`). Requests without an `Origin` header pass through untouched.
struct CrossOriginMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let allowedOrigins: Set<String>
    var allowsEveryOrigin: Bool { allowedOrigins.contains("*") }

    static let allowMethods = "GET, HEAD, POST, OPTIONS"
    static let allowHeaders = "Accept, Accept-Language, Content-Type, If-None-Match"
    static let exposeHeaders = "ETag, Retry-After, X-Request-Id, Content-Language"
    static let maxAge = "600"

    init(allowedOrigins: [String]) {
        self.allowedOrigins = Set(allowedOrigins.isEmpty ? ["*"] : allowedOrigins)
    }

    func allowOrigin(for origin: String) -> String? {
        if allowsEveryOrigin { return "*" }
        return allowedOrigins.contains(origin) ? origin : nil
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin] else {
            return try await next(request, context)
        }
        let allowOrigin = allowOrigin(for: origin)
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var headers: HTTPFields = [:]
            if let allowOrigin {
                headers[.accessControlAllowOrigin] = allowOrigin
                headers[.accessControlAllowMethods] = Self.allowMethods
                headers[.accessControlAllowHeaders] = Self.allowHeaders
                headers[.accessControlMaxAge] = Self.maxAge
            }
            if !allowsEveryOrigin { headers[.vary] = "Origin" }
            return Response(status: .noContent, headers: headers)
        }
        var response = try await next(request, context)
        if let allowOrigin {
            response.headers[.accessControlAllowOrigin] = allowOrigin
            response.headers[.accessControlExposeHeaders] = Self.exposeHeaders
        }
        if !allowsEveryOrigin { response.headers.append(HTTPField(name: .vary, value: "Origin")) }
        return response
    }
}
