import Foundation
import KBCore

/// The reader's language: the `lang` parameter, else the best range of `Accept-Language`, else English.
///
/// A malformed `lang` or a malformed `Accept-Language` header is a 400 (`invalid-language`): a client that sends one
/// has a bug worth seeing. Well-formed ranges kb cannot use (`*`, `i-klingon`) are skipped.
enum LanguageNegotiation {
    /// The primary subtag of an optional language parameter: nil when absent or empty, a 400 when malformed.
    static func language(_ name: String, _ value: String?) throws -> String? {
        guard let value, !value.isEmpty else { return nil }
        guard let primary = LanguageCode.primary(of: value) else { throw ProblemDetails.invalidLanguage(name, value: value) }
        return primary
    }

    static func preferredLanguage(param: String?, acceptLanguage: String?) throws -> String {
        // The header is checked even when `lang` wins, so that a malformed one is always a 400.
        let accepted = try acceptLanguage.map(ranges) ?? []
        if let param, !param.isEmpty {
            guard let primary = LanguageCode.primary(of: param) else { throw ProblemDetails.invalidLanguage("lang", value: param) }
            return primary
        }
        return accepted.first?.language ?? LanguageCode.english
    }

    /// The usable ranges of an `Accept-Language` value, best first (by q, then by order); q=0 ranges are left out.
    static func ranges(_ header: String) throws -> [(language: String, q: Double)] {
        var out: [(language: String, q: Double, index: Int)] = []
        for (index, element) in header.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            let parts = element.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let range = parts.first else { continue }
            if range.isEmpty && parts.count == 1 { continue }  // empty list element: "en, , ja"
            guard isLanguageRange(range) else { throw malformed(element) }
            var q = 1.0
            for parameter in parts.dropFirst() {
                guard parameter.lowercased().hasPrefix("q="), let value = qValue(parameter.dropFirst(2)) else { throw malformed(element) }
                q = value
            }
            guard q > 0, range != "*", let primary = LanguageCode.primary(of: range) else { continue }
            out.append((primary, q, index))
        }
        return out.sorted { $0.q != $1.q ? $0.q > $1.q : $0.index < $1.index }.map { ($0.language, $0.q) }
    }

    static func malformed(_ element: Substring) -> ProblemDetails {
        let shown = String(String.UnicodeScalarView(element.unicodeScalars.prefix(40).filter { $0.value >= 0x20 && $0.value != 0x7F }))
        return ProblemDetails(
            .invalidLanguage,
            detail:
                "Accept-Language has a malformed element \"\(shown.trimmingCharacters(in: .whitespaces))\"; send ranges such as ja-JP, ja;q=0.9, en;q=0.5.",
            parameter: "Accept-Language")
    }

    /// RFC 4647 §2.1: `*` or `1*8ALPHA *("-" 1*8alphanum)`.
    static func isLanguageRange(_ text: String) -> Bool {
        if text == "*" { return true }
        let subtags = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = subtags.first, (1...8).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return subtags.dropFirst().allSatisfy {
            $0 == "*" || ((1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        }
    }

    /// RFC 9110 §12.4.2: `0[.ddd]` or `1[.000]`.
    static func qValue(_ text: Substring) -> Double? {
        guard let first = text.first, first == "0" || first == "1" else { return nil }
        let rest = text.dropFirst()
        if rest.isEmpty { return first == "1" ? 1 : 0 }
        guard rest.first == ".", rest.count <= 4 else { return nil }
        let digits = rest.dropFirst()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if first == "1" { return digits.allSatisfy { $0 == "0" } ? 1 : nil }
        return Double("0." + (digits.isEmpty ? "0" : digits))
    }
}
