import Foundation
import Hummingbird

/// The JSON coders of the API: camelCase keys (the Codable default), no escaped slashes.
enum JSONCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
    static let decoder = JSONDecoder()
}

extension Response {
    /// A JSON response (`application/json; charset=utf-8`).
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let data = try JSONCoding.encoder.encode(value)
        return Response.bytes(data, contentType: "application/json; charset=utf-8", status: status, headers: headers)
    }

    static func bytes(_ data: some Collection<UInt8>, contentType: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A JSON response that caches: a strong `ETag` over the body, `Cache-Control`, and `304 Not Modified` when the
    /// request's `If-None-Match` names the same entity.
    static func cacheableJSON(_ value: some Encodable, request: Request, maxAge: Int = 60, headers: HTTPFields = [:]) throws -> Response {
        let data = try JSONCoding.encoder.encode(value)
        let etag = EntityTag.strong(for: data)
        var headers = headers
        headers[.eTag] = etag
        headers[.cacheControl] = "public, max-age=\(maxAge)"
        if let condition = request.headers[.ifNoneMatch], EntityTag.matches(etag, ifNoneMatch: condition) {
            return Response(status: .notModified, headers: headers, body: .init())
        }
        return Response.bytes(data, contentType: "application/json; charset=utf-8", headers: headers)
    }
}

/// HTTP entity tags (RFC 9110 §8.8.3).
enum EntityTag {
    /// `"<16 hex digits>"`: FNV-1a 64 of the representation.
    static func strong(for data: some Sequence<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    /// Weak comparison against an `If-None-Match` list (`*`, or tags separated by commas, `W/` ignored).
    static func matches(_ etag: String, ifNoneMatch: String) -> Bool {
        let wanted = etag.hasPrefix("W/") ? String(etag.dropFirst(2)) : etag
        for candidate in ifNoneMatch.split(separator: ",") {
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            if tag == wanted { return true }
        }
        return false
    }
}
