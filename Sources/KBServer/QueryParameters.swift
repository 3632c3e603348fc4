import Foundation

/// The parameters of a query string, decoded as HTML forms send them (`+` is a space, `%XX` a byte, UTF-8 text).
///
/// Unlike a lenient decoder it rejects what it cannot read: invalid percent-encoding or bytes that are not UTF-8 are
/// a 400 naming the parameter, never a silently different query.
struct QueryParameters: Sendable {
    private(set) var pairs: [(name: String, value: String)] = []

    init(_ query: String?) throws {
        guard let query, !query.isEmpty else { return }
        for part in query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = part.firstIndex(of: UInt8(ascii: "="))
            let rawName = equals.map { part[part.startIndex..<$0] } ?? part[...]
            let rawValue = equals.map { part[part.index(after: $0)...] } ?? part[part.endIndex...]
            guard let name = Self.decode(rawName) else {
                throw ProblemDetails.invalidParameter("query", "The query string has a parameter name with invalid percent-encoding or UTF-8.")
            }
            guard let value = Self.decode(rawValue) else {
                throw ProblemDetails.invalidParameter(name, "Parameter '\(name)' has invalid percent-encoding or is not UTF-8 text.")
            }
            pairs.append((name, value))
        }
    }

    /// The first value of `name`, or nil.
    subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// Every value of `name`, in order.
    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// The integer value of `name` within `range`, `defaultValue` when absent (an empty value is an error).
    func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = self[name] else { return defaultValue }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw ProblemDetails.invalidParameter(
                name, "Parameter '\(name)' must be a whole number between \(range.lowerBound) and \(range.upperBound).")
        }
        guard range.contains(value) else {
            throw ProblemDetails.invalidParameter(
                name, "Parameter '\(name)' must be between \(range.lowerBound) and \(range.upperBound), got \(value).")
        }
        return value
    }

    /// Percent-decodes form-encoded bytes; nil when an escape is malformed or the result is not UTF-8.
    static func decode(_ bytes: some Collection<UInt8>, plusIsSpace: Bool = true) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+") where plusIsSpace:
                out.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                out.append(high << 4 | low)
            default:
                out.append(byte)
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Percent-decodes a path segment (`+` stays a plus); nil when malformed or not UTF-8.
    static func decodePathSegment(_ text: some StringProtocol) -> String? {
        decode(text.utf8, plusIsSpace: false)
    }
}
