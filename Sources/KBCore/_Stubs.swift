// TEMPORARY stubs until the real Text/ and Signatures/ modules land.
import Foundation
public enum TokenizeMode: Sendable { case document, query }
public enum Tokenizer {
    public static func tokenize(_ text: UnsafeBufferPointer<UInt8>, mode: TokenizeMode, _ body: (_ token: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ colocated: Bool) -> Bool) {
        var i = 0
        var buf: [UInt8] = []
        while i <= text.count {
            let b: UInt8 = i < text.count ? text[i] : 32
            if (b >= 48 && b <= 57) || (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || b >= 128 { buf.append(b >= 65 && b <= 90 ? b + 32 : b) }
            else if !buf.isEmpty {
                let ok = buf.withUnsafeBufferPointer { body($0, i - buf.count, i, false) }
                buf.removeAll()
                if !ok { return }
            }
            i += 1
        }
    }
}
public struct QueryUnit: Hashable, Sendable {
    public enum Script: Sendable, Hashable { case latin, cjk, hangul }
    public var text: String; public var tokens: [String]; public var script: Script; public var isPrefix: Bool
}
public enum QueryAnalyzer {
    public static func units(_ text: String) -> [QueryUnit] {
        var seen = Set<String>()
        return text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).compactMap { w in
            seen.insert(String(w)).inserted ? QueryUnit(text: String(w), tokens: [String(w)], script: .latin, isPrefix: false) : nil
        }
    }
    public static func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    public static func expression(_ unit: QueryUnit) -> String { quoted(unit.text) + (unit.isPrefix ? "*" : "") }
}
public struct ErrorSignature: Hashable, Sendable {
    public static let version = 1
    public let text: String; public let hash: UInt64; public let tokens: [String]; public let clues: [String]
    public init?(line: some StringProtocol) {
        text = line.lowercased(); hash = StableHash.fnv1a64(text)
        tokens = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init); clues = []
        if tokens.isEmpty { return nil }
    }
}
public enum ErrorLineClassifier { public static func score(_ line: some StringProtocol) -> Double { line.lowercased().contains("error") ? 1 : 0 } }
public struct ExtractedError: Hashable, Sendable {
    public enum Source: String, Sendable { case frontMatter, title, codeBlock, inlineCode, prose }
    public var raw: String; public var source: Source; public var line: Int; public var signature: ErrorSignature
}
public enum ErrorExtractor {
    public static func extract(markdown: String, declared: [String]) -> [ExtractedError] {
        declared.compactMap { d in ErrorSignature(line: d).map { ExtractedError(raw: d, source: .frontMatter, line: 0, signature: $0) } }
    }
}
public struct Triage: Sendable {
    public struct Line: Sendable { public var number: Int; public var text: String; public var weight: Double; public var signature: ErrorSignature }
    public struct Dropped: Sendable { public var number: Int; public var text: String; public var reason: Reason }
    public enum Reason: String, Sendable { case blank, separator, progress, stackFrame, duplicate, noise, noSignature, overLimit }
    public var kept: [Line] = []; public var dropped: [Dropped] = []; public var informativeText: String; public var hasErrorLines: Bool
    public init(_ input: String, maxBytes: Int = 1 << 20, maxKept: Int = 32) {
        informativeText = input; hasErrorLines = false
        if let s = ErrorSignature(line: input) { kept = [Line(number: 1, text: input, weight: 1, signature: s)] }
    }
}
