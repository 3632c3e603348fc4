import Foundation
import HTTPTypes
import Hummingbird
import KBCore
import Logging

/// The kinds of problem the API reports. Each has a stable `type` URI (a relative reference, listed in
/// `/openapi.json`), a fixed title and a status.
public enum ProblemType: String, CaseIterable, Sendable {
    case invalidParameter = "invalid-parameter"
    case invalidLanguage = "invalid-language"
    case malformedBody = "malformed-body"
    case notFound = "not-found"
    case articleNotFound = "article-not-found"
    case tagNotFound = "tag-not-found"
    case methodNotAllowed = "method-not-allowed"
    case bodyTooLarge = "body-too-large"
    case unsupportedMediaType = "unsupported-media-type"
    case missingQuery = "missing-query"
    case databaseBusy = "database-busy"
    case notReady = "not-ready"
    case internalError = "internal-error"

    /// The `type` member: `/problems/<name>`.
    public var uri: String { "/problems/" + rawValue }

    public var title: String {
        switch self {
        case .invalidParameter: "Invalid parameter"
        case .invalidLanguage: "Invalid language tag"
        case .malformedBody: "Malformed request body"
        case .notFound: "Not found"
        case .articleNotFound: "Article not found"
        case .tagNotFound: "Tag not found"
        case .methodNotAllowed: "Method not allowed"
        case .bodyTooLarge: "Request body too large"
        case .unsupportedMediaType: "Unsupported media type"
        case .missingQuery: "Missing query"
        case .databaseBusy: "Database busy"
        case .notReady: "Not ready"
        case .internalError: "Internal server error"
        }
    }

    public var status: HTTPResponse.Status {
        switch self {
        case .invalidParameter, .invalidLanguage, .malformedBody: .badRequest
        case .notFound, .articleNotFound, .tagNotFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .bodyTooLarge: .contentTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .missingQuery: .unprocessableContent
        case .databaseBusy, .notReady: .serviceUnavailable
        case .internalError: .internalServerError
        }
    }
}

/// An RFC 9457 problem, rendered as `application/problem+json`: `type`, `title`, `status`, `detail`, `instance`, plus
/// kb's extension members `requestId`, `parameter` (the offending parameter) and `availableLanguages` (for an article
/// that exists in other languages).
///
/// Every error of the server becomes one of these in one place, `ProblemDetails(error:request:context:)`.
public struct ProblemDetails: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    public var type: ProblemType
    public var detail: String
    public var parameter: String?
    public var availableLanguages: [String]?
    /// Extra response headers (`Allow`, `Retry-After`).
    public var headers: HTTPFields

    public var status: HTTPResponse.Status { type.status }
    public var title: String { type.title }
    public var description: String { "\(type.rawValue): \(detail)" }

    public init(_ type: ProblemType, detail: String, parameter: String? = nil, availableLanguages: [String]? = nil, headers: HTTPFields = [:]) {
        self.type = type
        self.detail = detail
        self.parameter = parameter
        self.availableLanguages = availableLanguages
        self.headers = headers
    }

    /// The JSON body.
    struct Body: Encodable {
        var type: String
        var title: String
        var status: Int
        var detail: String
        var instance: String
        var requestId: String
        var parameter: String?
        var availableLanguages: [String]?
    }

    public static let contentType = "application/problem+json"

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let requestID = context.logger[metadataKey: "hb.request.id"]?.description ?? "-"
        let body = Body(
            type: type.uri, title: title, status: Int(status.code), detail: detail,
            // The path only: a query string may hold a pasted secret.
            instance: request.uri.path, requestId: requestID, parameter: parameter, availableLanguages: availableLanguages)
        var headers = self.headers
        headers[.contentType] = Self.contentType
        let data = (try? JSONCoding.encoder.encode(body)) ?? Data(#"{"type":"/problems/internal-error","status":500}"#.utf8)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

// MARK: - The one place where errors become problems

extension ProblemDetails {
    /// Seconds a client should wait before retrying a 503.
    static let retryAfterSeconds = 1

    /// Maps any error thrown while answering a request to a problem. Errors that are not the client's fault and not
    /// known become a 500 with a generic detail; the caller logs them.
    public init(error: any Error) {
        switch error {
        case let problem as ProblemDetails:
            self = problem
        case let error as SearchError:
            switch error.code {
            case .invalidLimit:
                self.init(.invalidParameter, detail: error.message, parameter: "limit")
            case .invalidOffset:
                self.init(.invalidParameter, detail: error.message, parameter: "offset")
            case .invalidLanguage:
                self.init(.invalidLanguage, detail: error.message, parameter: "lang")
            case .emptyQuery:
                self.init(.missingQuery, detail: error.message, parameter: "q")
            case .inputTooLarge:
                self.init(.bodyTooLarge, detail: error.message)
            }
        case let error as StoreError where error.code == .busy:
            self.init(
                .databaseBusy, detail: "The database is busy; retry in \(Self.retryAfterSeconds) s.",
                headers: [.retryAfter: String(Self.retryAfterSeconds)])
        case let error as StoreError where error.code == .interrupted:
            self.init(
                .databaseBusy, detail: "The query ran out of its time budget; retry in \(Self.retryAfterSeconds) s, or send a shorter text.",
                headers: [.retryAfter: String(Self.retryAfterSeconds)])
        case is ReaderThreads.Overloaded:
            self.init(
                .databaseBusy, detail: "Too many searches are waiting; retry in \(Self.retryAfterSeconds) s.",
                headers: [.retryAfter: String(Self.retryAfterSeconds)])
        case is DecodingError:
            self.init(.malformedBody, detail: "The body is not the JSON object this endpoint expects; see /openapi.json.")
        case let error as any HTTPResponseError:
            // Hummingbird's own errors (no route, body over its limit, …).
            switch error.status {
            case .notFound: self.init(.notFound, detail: "No such endpoint; the API is described at /openapi.json.")
            case .contentTooLarge: self = .bodyTooLarge(limit: nil)
            case .methodNotAllowed: self.init(.methodNotAllowed, detail: "This endpoint does not support that method.")
            case .unsupportedMediaType: self.init(.unsupportedMediaType, detail: "Send application/json or text/plain.")
            case let status where status.kind == .clientError: self.init(.invalidParameter, detail: status.reasonPhrase)
            default: self = .internal
            }
        default:
            self = .internal
        }
    }

    /// True when `error` maps to a 500 (and so must be logged in full).
    static func isUnexpected(_ error: any Error) -> Bool {
        ProblemDetails(error: error).type == .internalError
    }

    static var `internal`: ProblemDetails {
        ProblemDetails(.internalError, detail: "An unexpected error occurred. Quote the requestId when reporting it.")
    }

    static func invalidParameter(_ name: String, _ detail: String) -> ProblemDetails {
        ProblemDetails(.invalidParameter, detail: detail, parameter: name)
    }

    static func invalidLanguage(_ name: String, value: String) -> ProblemDetails {
        let shown = value.unicodeScalars.prefix(40).filter { !$0.properties.isWhitespace && $0.value >= 0x20 }
        return ProblemDetails(
            .invalidLanguage, detail: "\"\(String(String.UnicodeScalarView(shown)))\" is not a language tag such as en, ja or ko-KR.",
            parameter: name)
    }

    static func missingQuery(_ name: String) -> ProblemDetails {
        ProblemDetails(.missingQuery, detail: "Send the text to search for in '\(name)'; it is missing or empty.", parameter: name)
    }

    static func bodyTooLarge(limit: Int?) -> ProblemDetails {
        let limitText = limit.map { " (\($0 / 1024) KiB)" } ?? ""
        return ProblemDetails(.bodyTooLarge, detail: "The request body is over the limit\(limitText); send the relevant part of the log.")
    }
}

extension HTTPField.Name {
    /// `X-Request-Id`: the id of the request in the server's log.
    static var kbRequestID: Self { Self("X-Request-Id")! }
}
