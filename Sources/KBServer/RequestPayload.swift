import Foundation
import Hummingbird
import NIOCore

/// The body of a POST: JSON or plain text (a pasted log), read up to a size limit.
enum RequestPayload {
    case json(Data)
    case text(String)

    /// The media types a POST accepts.
    static let acceptedTypes = ["application/json", "text/plain"]

    /// Checks the `Content-Type` (415 unless JSON or UTF-8 text) and the size (413 over `limit`), then reads the body.
    static func read(_ request: Request, limit: Int) async throws -> RequestPayload {
        let kind = try mediaKind(request.headers[.contentType])
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw ProblemDetails.bodyTooLarge(limit: limit)
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw ProblemDetails.bodyTooLarge(limit: limit)
        }
        let bytes = buffer.readableBytesView
        switch kind {
        case .json:
            return .json(Data(bytes))
        case .text:
            // A pasted log may hold a few bytes that are not UTF-8: they become U+FFFD rather than a refusal.
            return .text(String(decoding: bytes, as: UTF8.self))
        }
    }

    private enum Kind { case json, text }

    private static func mediaKind(_ contentType: String?) throws -> Kind {
        guard let contentType, !contentType.isEmpty else {
            throw ProblemDetails(.unsupportedMediaType, detail: "Send a Content-Type: application/json or text/plain; charset=utf-8.")
        }
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let mediaType = parts.first ?? ""
        for parameter in parts.dropFirst() where parameter.hasPrefix("charset=") {
            let charset = parameter.dropFirst("charset=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            guard ["utf-8", "utf8", "us-ascii"].contains(charset) else {
                throw ProblemDetails(.unsupportedMediaType, detail: "Only UTF-8 text is accepted, not charset \(charset.prefix(40)).")
            }
        }
        switch mediaType {
        case "application/json": return .json
        case let type where type.hasPrefix("application/") && type.hasSuffix("+json"): return .json
        case "text/plain": return .text
        default:
            throw ProblemDetails(
                .unsupportedMediaType, detail: "Content-Type \(mediaType.prefix(60)) is not accepted; send application/json or text/plain.")
        }
    }

    /// Decodes a JSON body, with a 400 that says what is wrong.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try JSONCoding.decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw ProblemDetails(.malformedBody, detail: describe(error))
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the body" : "'" + keys.joined(separator: ".") + "'"
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "The body is not valid JSON (UTF-8)."
        case .typeMismatch(let type, let context):
            return "\(path(context)) must be \(jsonName(type))."
        case .valueNotFound(let type, let context):
            return "\(path(context)) must be \(jsonName(type)), not null."
        case .keyNotFound(let key, _):
            return "'\(key.stringValue)' is missing."
        case .dataCorrupted(let context):
            return "\(path(context)) is not valid."
        @unknown default:
            return "The body is not the JSON object this endpoint expects."
        }
    }

    private static func jsonName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "a whole number"
        case is [String].Type: "an array of strings"
        case is [String: Any].Type: "an object"
        default: "a value of another type"
        }
    }
}
